using System.Net;
using System.Text.RegularExpressions;
using GovHall.Core.Accounts;
using GovHall.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Accounts;

// A hall with low guessing limits (three wrong passwords per address, six per account a day),
// a low per-address limit on codes (twelve an hour), a movable clock, and requests that name
// their client address.
public class GuessingHall(TestDatabase database) : ClockHall(database)
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["GovHall:RateLimits:PasswordsPerAddress"] = "3",
        ["GovHall:RateLimits:PasswordsPerAccountPerDay"] = "6",
        ["GovHall:Codes:PerAddressPerHour"] = "12",
    };

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        services.AddSingleton<IStartupFilter, TestClientAddress>();
    }
}

public sealed class SqliteGuessingHall() : GuessingHall(TestDatabase.Sqlite);

public sealed class PostgresGuessingHall() : GuessingHall(TestDatabase.Postgres);

// Guessing must not lock the owner out (issue 22, part 5), and codes must not bomb a phone
// (part 1): limits count by the asking address and the target together.
public abstract partial class GuessingTests(GuessingHall hall) : HallTest(hall)
{
    private const string Password = "Secret#2026a";

    private TestClock Clock => ((GuessingHall)Hall).Clock;

    private async Task<string> LatestCodeAsync(string to)
    {
        var mailbox = await Html.GetAsync(Client, $"/dev/mailbox?to={Uri.EscapeDataString(to)}");
        return SixDigits().Match(mailbox.QuerySelector("#mailbox tbody tr td.message-body")?.TextContent ?? "").Value;
    }

    private async Task<int> CodesSentToAsync(string to) =>
        (await Html.GetAsync(Client, $"/dev/mailbox?to={Uri.EscapeDataString(to)}")).QuerySelectorAll("#mailbox tbody tr").Length;

    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string idNumber, string phone)
    {
        var page = await Html.GetAsync(client, "/account/register");
        return await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string>
        {
            ["Name"] = "钱多多", ["IdNumber"] = idNumber, ["Phone"] = phone, ["Password"] = Password, ["ConfirmPassword"] = Password, ["Channel"] = "Sms",
        });
    }

    private async Task<string> RegisteredPersonAsync(string address)
    {
        var (idNumber, phone) = PersonalValues.NewPerson();
        var client = TestClientAddress.From(Hall, address);
        var started = await RegisterAsync(client, idNumber, phone);
        var confirm = await Html.GetAsync(client, started.Headers.Location!.OriginalString);
        var done = await Html.SubmitAsync(client, confirm, "main form", new Dictionary<string, string> { ["Code"] = await LatestCodeAsync(phone) });
        Assert.Equal("/account/me", done.Headers.Location?.OriginalString);
        return phone;
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        var page = await Html.GetAsync(client, "/account/signin");
        return await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password });
    }

    [Fact]
    public async Task SignIn_WrongPasswordsFromOneAddress_StopOnlyThatAddress_TheOwnerElsewhereSignsIn()
    {
        var phone = await RegisteredPersonAsync("192.0.2.50");
        var attacker = TestClientAddress.From(Hall, "203.0.113.66");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(attacker, phone, "Wrong#pass" + i)).StatusCode);
        }

        var stopped = await SignInAsync(attacker, phone, Password);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Contains("账号暂时被锁定", (await Html.ParseAsync(stopped)).Text(), StringComparison.Ordinal);

        var owner = TestClientAddress.From(Hall, "192.0.2.51");
        var signedIn = await SignInAsync(owner, phone, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/account/me", Cancel)).StatusCode);

        // A quarter of an hour later the address may try again.
        Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(attacker, phone, Password)).StatusCode);
    }

    [Fact]
    public async Task SignIn_ManyAddressesGuessing_LockTheAccount_TheOwnerUnlocksThisDeviceWithACode()
    {
        var phone = await RegisteredPersonAsync("192.0.2.60");
        for (var i = 0; i < 6; i++)
        {
            await SignInAsync(TestClientAddress.From(Hall, $"203.0.113.{100 + i}"), phone, "Wrong#pass" + i);
        }

        var owner = TestClientAddress.From(Hall, "192.0.2.61");
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(owner, phone, Password)).StatusCode);
        Assert.True(await Hall.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "account.signin_failed" && e.Detail == "guesses today", Cancel)));

        // Unlock: a code to the registered phone; a wrong one is refused.
        Clock.Advance(OneTimeCodes.Spacing);
        var signInPage = await Html.GetAsync(owner, "/account/signin");
        var unlock = await Html.GetAsync(owner, signInPage.QuerySelector("a#unlock")!.GetAttribute("href")!);
        var sent = await Html.SubmitAsync(owner, unlock, "main form", new Dictionary<string, string> { ["Identifier"] = phone });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var confirm = await Html.GetAsync(owner, sent.Headers.Location!.OriginalString);
        var code = await LatestCodeAsync(phone);
        var wrong = await Html.SubmitAsync(owner, confirm, "main form", new Dictionary<string, string> { ["Code"] = code == "000000" ? "111111" : "000000" });
        Assert.Contains("验证码不正确", (await Html.ParseAsync(wrong)).Text(), StringComparison.Ordinal);
        var unlocked = await Html.SubmitAsync(owner, confirm, "main form", new Dictionary<string, string> { ["Code"] = code });
        Assert.Equal("/account/signin", unlocked.Headers.Location?.OriginalString);
        var flash = await Html.GetAsync(owner, "/account/signin");
        Assert.Contains("验证成功", flash.QuerySelector("#flash")!.TextContent, StringComparison.Ordinal);

        // This device signs in; another still cannot today.
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(owner, phone, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(TestClientAddress.From(Hall, "192.0.2.62"), phone, Password)).StatusCode);
    }

    [Fact]
    public async Task Codes_OneAMinutePerPhone_WithTheWaitOnThePage_AndTenADay()
    {
        var (idNumber, phone) = PersonalValues.NewPerson();
        var client = TestClientAddress.From(Hall, "192.0.2.70");
        var started = await RegisterAsync(client, idNumber, phone);
        var confirmUrl = started.Headers.Location!.OriginalString;
        var confirm = await Html.GetAsync(client, confirmUrl);
        Assert.Matches(@"\d+ 秒后可重新获取", confirm.QuerySelector("#resend-note")!.TextContent);

        // Too soon: refused with the wait, nothing sent.
        var soon = await Html.SubmitAsync(client, confirm, "#resend", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, soon.StatusCode);
        Assert.Matches(@"验证码已发送，请 \d+ 秒后再重新获取", (await Html.ParseAsync(soon)).Text());
        Assert.Equal(1, await CodesSentToAsync(phone));

        // A minute later: another code, the details not asked again; the newest one confirms.
        var url = confirmUrl;
        for (var sent = 2; sent <= OneTimeCodes.PerTargetPerDay; sent++)
        {
            Clock.Advance(OneTimeCodes.Spacing);
            var page = await Html.GetAsync(client, url);
            Assert.Equal("没有收到验证码？可以重新获取。", page.QuerySelector("#resend-note")!.TextContent);
            var again = await Html.SubmitAsync(client, page, "#resend", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
            url = again.Headers.Location!.OriginalString;
        }

        Assert.Equal(OneTimeCodes.PerTargetPerDay, await CodesSentToAsync(phone));
        Clock.Advance(OneTimeCodes.Spacing);
        var eleventh = await Html.SubmitAsync(client, await Html.GetAsync(client, url), "#resend", new Dictionary<string, string>());
        Assert.Contains($"今天已获取 {OneTimeCodes.PerTargetPerDay} 次验证码", (await Html.ParseAsync(eleventh)).Text(), StringComparison.Ordinal);
        Assert.Equal(OneTimeCodes.PerTargetPerDay, await CodesSentToAsync(phone));

        var last = await Html.GetAsync(client, url);
        var done = await Html.SubmitAsync(client, last, "main form", new Dictionary<string, string> { ["Code"] = await LatestCodeAsync(phone) });
        Assert.Equal("/account/me", done.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Codes_OneAddressAskingForMany_IsStopped_OthersAreNot()
    {
        var bomber = TestClientAddress.From(Hall, "203.0.113.200");
        var refusedAt = -1;
        for (var i = 0; i < 13 && refusedAt < 0; i++)
        {
            var (idNumber, phone) = PersonalValues.NewPerson();
            var answer = await RegisterAsync(bomber, idNumber, phone);
            if (answer.StatusCode == HttpStatusCode.OK)
            {
                Assert.Contains("您所在的网络获取验证码过于频繁", (await Html.ParseAsync(answer)).Text(), StringComparison.Ordinal);
                Assert.Equal(0, await CodesSentToAsync(phone));
                refusedAt = i;
            }
        }

        Assert.Equal(12, refusedAt);
        var (otherId, otherPhone) = PersonalValues.NewPerson();
        Assert.Equal(HttpStatusCode.Redirect, (await RegisterAsync(TestClientAddress.From(Hall, "192.0.2.201"), otherId, otherPhone)).StatusCode);
    }

    [GeneratedRegex(@"\d{6}")]
    private static partial Regex SixDigits();
}

public sealed class GuessingTests_Sqlite(SqliteGuessingHall hall) : GuessingTests(hall), IClassFixture<SqliteGuessingHall>;

public sealed class GuessingTests_Postgres(PostgresGuessingHall hall) : GuessingTests(hall), IClassFixture<PostgresGuessingHall>;
