using System.Net;
using AngleSharp.Dom;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GovHall.Core.Notifications;
using GovHall.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Tests.Accounts;

// The hall started as it runs in Production (no demo data, a personal-data key, a public
// address), with or without its channels: mail to a real SMTP server (maildev), SMS to the
// gateway fake. The dispatcher runs on its own, as in Production: a code wakes it.
public class ProductionHall(TestDatabase database, bool channels) : HallFactory(database)
{
    public Maildev? Mail { get; private set; }
    public FakeSmsGateway? Gateway { get; private set; }
    public string? MailUnavailable { get; private set; }

    protected override string EnvironmentName => "Production";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["GovHall:Demo"] = "false",
                ["GovHall:PublicUrl"] = "https://localhost",
                ["GovHall:PersonalData:Key"] = Key,
            };
            if (channels)
            {
                settings["GovHall:Notifications:Mail:Host"] = "127.0.0.1";
                settings["GovHall:Notifications:Mail:Port"] = Mail?.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "1";
                settings["GovHall:Notifications:Sms:GatewayUrl"] = Gateway?.Url;
                settings["GovHall:Notifications:Sms:Secret"] = FakeSmsGateway.Secret;
            }

            return settings;
        }
    }

    private static readonly string Key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public override async ValueTask InitializeAsync()
    {
        if (channels)
        {
            MailUnavailable = Maildev.Unavailable();
            if (MailUnavailable is not null && InCi)
            {
                throw new InvalidOperationException(MailUnavailable);
            }

            Mail = MailUnavailable is null ? await Maildev.StartAsync() : null;
            Gateway = await FakeSmsGateway.StartAsync();
        }

        // Production redirects plain HTTP and marks its cookies secure: the tests speak HTTPS.
        ClientOptions.BaseAddress = new Uri("https://localhost");
        await base.InitializeAsync();
    }

    public override void SkipIfUnavailable()
    {
        base.SkipIfUnavailable();
        if (MailUnavailable is not null)
        {
            Assert.Skip(MailUnavailable);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Mail is not null)
        {
            await Mail.DisposeAsync();
        }

        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteProductionHall() : ProductionHall(TestDatabase.Sqlite, channels: true);

public sealed class PostgresProductionHall() : ProductionHall(TestDatabase.Postgres, channels: true);

public sealed class SqliteClosedProductionHall() : ProductionHall(TestDatabase.Sqlite, channels: false);

public sealed class PostgresClosedProductionHall() : ProductionHall(TestDatabase.Postgres, channels: false);

public abstract partial class ProductionCodeTests(ProductionHall hall) : HallTest(hall)
{
    private const string Password = "Secret#2026a";

    private ProductionHall Production => (ProductionHall)Hall;

    private new HttpClient Client { get; } = hall.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost"),
    });

    private async Task<HttpResponseMessage> RegisterAsync(string idNumber, string phone, string channel, string? email = null)
    {
        var page = await Html.GetAsync(Client, "/account/register");
        Assert.Null(page.QuerySelector("#codes-unavailable"));
        return await Html.SubmitAsync(Client, page, "main form", new Dictionary<string, string>
        {
            ["Name"] = "赵文静", ["IdNumber"] = idNumber, ["Phone"] = phone, ["Email"] = email ?? "", ["Password"] = Password,
            ["ConfirmPassword"] = Password, ["Channel"] = channel,
        });
    }

    // Waits for what the person would wait for: the text message on their phone.
    private async Task<string> SmsCodeAsync(string phone, int nth = 1)
    {
        var gateway = Production.Gateway!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (gateway.Received.Count(m => m.To == phone) < nth)
        {
            await Task.Delay(50, timeout.Token);
        }

        var text = gateway.Received.Where(m => m.To == phone).ElementAt(nth - 1).Text;
        Assert.StartsWith("【闵行教育】", text, StringComparison.Ordinal);
        return SixDigits().Match(text).Value;
    }

    private async Task<string> MailCodeAsync(string address)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var mail = (await Production.Mail!.EmailsAsync()).FirstOrDefault(m => m.GetProperty("to")[0].GetProperty("address").GetString() == address);
            if (mail.ValueKind == JsonValueKind.Object)
            {
                return SixDigits().Match(mail.GetProperty("text").GetString()!).Value;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private async Task ConfirmAndSeeTheProfileAsync(HttpResponseMessage started, string code)
    {
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var confirm = await Html.GetAsync(Client, started.Headers.Location!.OriginalString);
        var done = await Html.SubmitAsync(Client, confirm, "main form", new Dictionary<string, string> { ["Code"] = code });
        Assert.Equal("/account/me", done.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/account/me", Cancel)).StatusCode);
    }

    // The code is nowhere but in the message: not in a log, not in the audit log, not in the
    // outbox row (encrypted there).
    private async Task AssertTheCodeIsKeptSecretAsync(string code)
    {
        var standalone = new Regex($"(?<![0-9A-Fa-f]){code}(?![0-9A-Fa-f])");
        Assert.DoesNotContain(Hall.Logs, line => standalone.IsMatch(line));
        var audit = await Hall.WithDbAsync(db => db.AuditEntries.AsNoTracking().ToListAsync(Cancel));
        Assert.DoesNotContain(audit, e => standalone.IsMatch($"{e.Action} {e.Target} {e.Detail}"));
        var codes = await Hall.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.OneTimeCode).ToListAsync(Cancel));
        Assert.NotEmpty(codes);
        Assert.All(codes, n =>
        {
            Assert.True(n.BodyProtected);
            Assert.DoesNotContain(code, n.Body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Register_BySms_TheCodeReachesThePhoneAndTheAccountIsMade()
    {
        var (idNumber, phone) = PersonalValues.NewPerson();
        var started = await RegisterAsync(idNumber, phone, "Sms");
        var code = await SmsCodeAsync(phone);
        await ConfirmAndSeeTheProfileAsync(started, code);
        await AssertTheCodeIsKeptSecretAsync(code);

        var messageId = Guid.Parse(Production.Gateway!.Received.Single(m => m.To == phone).MessageId);
        var sent = await Hall.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == messageId, Cancel));
        Assert.Equal(NotificationKind.OneTimeCode, sent.Kind);
        Assert.Equal(NotificationState.Sent, sent.State);
        Assert.Equal(Notification.CodePriority, sent.Priority);
    }

    [Fact]
    public async Task Register_ByEmail_TheCodeArrivesInTheMailbox()
    {
        var (idNumber, phone) = PersonalValues.NewPerson();
        var email = $"p{Guid.NewGuid():N}@example.cn";
        var started = await RegisterAsync(idNumber, phone, "Email", email);
        var code = await MailCodeAsync(email);
        await ConfirmAndSeeTheProfileAsync(started, code);
        Assert.DoesNotContain(Production.Gateway!.Received, m => m.To == phone);
    }

    [Fact]
    public async Task PasswordReset_BySms_SetsTheNewPassword()
    {
        var (idNumber, phone) = PersonalValues.NewPerson();
        var started = await RegisterAsync(idNumber, phone, "Sms");
        await ConfirmAndSeeTheProfileAsync(started, await SmsCodeAsync(phone));

        // The phone had a code a moment ago: the next may be asked for a minute later.
        var reset = await Html.GetAsync(Client, "/account/reset");
        Assert.Null(reset.QuerySelector("#codes-unavailable"));
        var refused = await Html.SubmitAsync(Client, reset, "main form", new Dictionary<string, string> { ["Identifier"] = idNumber });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Matches(@"请 \d+ 秒后再重新获取", (await Html.ParseAsync(refused)).Text());
        Assert.Single(Production.Gateway!.Received, m => m.To == phone);

        // A minute on (the code row's time moved back: the Production hall keeps the real clock).
        await Hall.WithDbAsync(db => db.OneTimeCodes.ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedAt, c => c.CreatedAt.AddMinutes(-2)), Cancel));
        reset = await Html.GetAsync(Client, "/account/reset");
        var asked = await Html.SubmitAsync(Client, reset, "main form", new Dictionary<string, string> { ["Identifier"] = idNumber });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var code = await SmsCodeAsync(phone, nth: 2);
        var confirm = await Html.GetAsync(Client, asked.Headers.Location!.OriginalString);
        var done = await Html.SubmitAsync(Client, confirm, "main form", new Dictionary<string, string> { ["Code"] = code, ["Password"] = "Changed#2026b" });
        Assert.Equal("/account/signin", done.Headers.Location?.OriginalString);
        await AssertTheCodeIsKeptSecretAsync(code);
    }

    [Fact]
    public async Task Ready_NamesTheChannelsCodesLeaveBy()
    {
        var ready = await Client.GetFromJsonAsync<JsonElement>("/health/ready", Cancel);
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        var channels = ready.GetProperty("checks").GetProperty("code-channels");
        Assert.Equal("Healthy", channels.GetProperty("status").GetString());
        Assert.Contains("Sms", channels.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("Email", channels.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\d{6}")]
    private static partial Regex SixDigits();
}

public sealed class ProductionCodeTests_Sqlite(SqliteProductionHall hall) : ProductionCodeTests(hall), IClassFixture<SqliteProductionHall>;

public sealed class ProductionCodeTests_Postgres(PostgresProductionHall hall) : ProductionCodeTests(hall), IClassFixture<PostgresProductionHall>;

// With no SMS or mail channel the hall still serves, says so on /health/ready, and the pages
// keep their notice and take nothing.
public abstract class ClosedProductionTests(ProductionHall hall) : HallTest(hall)
{
    private new HttpClient Client { get; } = hall.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost"),
    });

    [Fact]
    public async Task Ready_SaysNoChannelCarriesCodes()
    {
        var response = await Client.GetAsync("/health/ready", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ready = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("Degraded", ready.GetProperty("status").GetString());
        var channels = ready.GetProperty("checks").GetProperty("code-channels");
        Assert.Equal("Degraded", channels.GetProperty("status").GetString());
        Assert.Contains("No SMS or mail channel", channels.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/account/register")]
    [InlineData("/account/reset")]
    public async Task CodePages_KeepTheirNotice_AndTakeNothing(string path)
    {
        var page = await Html.GetAsync(Client, path);
        Assert.Contains("短信和邮件通道尚未开通", page.QuerySelector("#codes-unavailable")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("main form"));

        var token = await Html.GetAsync(Client, "/account/signin");
        var antiforgery = token.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("main form input[name=__RequestVerificationToken]")!.Value;
        var (idNumber, phone) = PersonalValues.NewPerson();
        var posted = await Client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "赵文静", ["IdNumber"] = idNumber, ["Phone"] = phone, ["Identifier"] = phone, ["Password"] = "Secret#2026a",
            ["ConfirmPassword"] = "Secret#2026a", ["Channel"] = "Sms", ["__RequestVerificationToken"] = antiforgery,
        }), Cancel);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(0, await Hall.WithDbAsync(db => db.OneTimeCodes.CountAsync(Cancel)));
        Assert.Equal(0, await Hall.WithDbAsync(db => db.Notifications.CountAsync(Cancel)));
    }
}

public sealed class ClosedProductionTests_Sqlite(SqliteClosedProductionHall hall) : ClosedProductionTests(hall), IClassFixture<SqliteClosedProductionHall>;

public sealed class ClosedProductionTests_Postgres(PostgresClosedProductionHall hall) : ClosedProductionTests(hall), IClassFixture<PostgresClosedProductionHall>;
