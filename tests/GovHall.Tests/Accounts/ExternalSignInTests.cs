using System.Net;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Tests.Accounts;

// The hall joined to a real OpenID Connect provider running in the test process.
public class UnifiedIdentityHall(TestDatabase database) : HallFactory(database)
{
    public TestIdentityProvider Provider { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["GovHall:ExternalIdentity:Authority"] = Provider.Authority,
        ["GovHall:ExternalIdentity:ClientId"] = TestIdentityProvider.ClientId,
        ["GovHall:ExternalIdentity:ClientSecret"] = TestIdentityProvider.ClientSecret,
        ["GovHall:ExternalIdentity:RequireHttps"] = "false",
    };

    public override async ValueTask InitializeAsync()
    {
        Provider = await TestIdentityProvider.StartAsync("http://localhost/signin-external");
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteUnifiedIdentityHall() : UnifiedIdentityHall(TestDatabase.Sqlite);

public sealed class PostgresUnifiedIdentityHall() : UnifiedIdentityHall(TestDatabase.Postgres);

public abstract class ExternalSignInTests(UnifiedIdentityHall hall) : HallTest(hall)
{
    private readonly UnifiedIdentityHall unified = hall;

    // Walks the redirects as a browser would: hall → provider → hall callback → finished page.
    private async Task<(HttpClient Client, HttpResponseMessage Finished)> SignInThroughProviderAsync(ProviderUser user)
    {
        unified.Provider.NextUser = user;
        var client = Hall.CreateBrowserLikeClient();
        var signIn = await Html.GetAsync(client, "/account/signin");
        var challenge = await Html.SubmitAsync(client, signIn, "form[action='/account/external']");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith(unified.Provider.Authority, challenge.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var authorized = await browser.GetAsync(challenge.Headers.Location, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, authorized.StatusCode);
        var callback = authorized.Headers.Location!;
        Assert.Equal("/signin-external", callback.AbsolutePath);

        var response = await client.GetAsync(callback.PathAndQuery, Cancel);
        while (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.StartsWith("/account/external", StringComparison.Ordinal))
        {
            response = await client.GetAsync(response.Headers.Location, Cancel);
        }

        return (client, response);
    }

    [Fact]
    public async Task UnifiedIdentity_ExistingPerson_IsLinkedByVerifiedIdNumber()
    {
        var (client, finished) = await SignInThroughProviderAsync(new ProviderUser("ywtb-zhangsan", "张三", "310112199001011233", IdNumberVerified: true));
        Assert.Equal("/", finished.Headers.Location?.OriginalString);
        var profile = await Html.GetAsync(client, "/account/me");
        Assert.Equal("310***********1233", profile.QuerySelector("#id-number")!.TextContent);
        Assert.Contains("张三", profile.QuerySelector("#profile")!.TextContent, StringComparison.Ordinal);
        Assert.True(await Hall.WithDbAsync(db => db.UserLogins.AnyAsync(l => l.ProviderKey == "ywtb-zhangsan" && db.Users.Any(u => u.Id == l.UserId && u.UserName == "zhangsan"), Cancel)));
    }

    [Fact]
    public async Task UnifiedIdentity_NewPerson_GetsOneAccountAndKeepsIt()
    {
        var user = new ProviderUser("ywtb-new-" + Guid.NewGuid().ToString("N")[..8], "周新人", "310112200012120019", IdNumberVerified: true, Phone: "13512345678");
        PersonalValues.Remember(user.IdNumber);
        PersonalValues.Remember(user.Phone!);
        var (first, finished) = await SignInThroughProviderAsync(user);
        Assert.Equal("/", finished.Headers.Location?.OriginalString);
        var profile = await Html.GetAsync(first, "/account/me");
        Assert.Equal("310***********0019", profile.QuerySelector("#id-number")!.TextContent);
        Assert.Equal("135****5678", profile.QuerySelector("#phone")!.TextContent);

        await SignInThroughProviderAsync(user);
        Assert.Equal(1, await Hall.WithDbAsync(db => db.Users.CountAsync(u => u.DisplayName == "周新人", Cancel)));
        var actions = await Hall.WithDbAsync(db => db.AuditEntries.Where(e => e.Detail == "unified identity").Select(e => e.Action).ToListAsync(Cancel));
        Assert.Contains("account.external_created", actions);
        Assert.Contains("account.signin", actions);
    }

    [Fact]
    public async Task UnifiedIdentity_SelfRegisteredIdNumber_IsNotJoinedOntoThatAccount()
    {
        // Someone registered with this ID number on the site: nothing proved it was theirs.
        const string idNumber = "310112198808080016";
        PersonalValues.Remember(idNumber);
        var registering = Hall.CreateBrowserLikeClient();
        var form = await Html.GetAsync(registering, "/account/register");
        var started = await Html.SubmitAsync(registering, form, "main form", new Dictionary<string, string>
        {
            ["Name"] = "冒名者", ["IdNumber"] = idNumber, ["Phone"] = "13600001111", ["Password"] = "Squat#2026ab", ["ConfirmPassword"] = "Squat#2026ab", ["Channel"] = "Sms",
        });
        PersonalValues.Remember("13600001111");
        var mailbox = await Html.GetAsync(registering, "/dev/mailbox?to=13600001111");
        var code = System.Text.RegularExpressions.Regex.Match(mailbox.QuerySelector("td.message-body")!.TextContent, "[0-9]{6}").Value;
        var confirm = await Html.GetAsync(registering, started.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(registering, confirm, "main form", new Dictionary<string, string> { ["Code"] = code })).StatusCode);

        var (_, finished) = await SignInThroughProviderAsync(new ProviderUser("ywtb-real-owner", "真本人", idNumber, IdNumberVerified: true));
        Assert.Equal(HttpStatusCode.BadRequest, finished.StatusCode);
        Assert.Contains("注册时未经核验", await finished.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.False(await Hall.WithDbAsync(db => db.UserLogins.AnyAsync(l => l.ProviderKey == "ywtb-real-owner", Cancel)));
    }

    [Fact]
    public async Task UnifiedIdentity_FailureAtTheProvider_EndsOnAPlainPage()
    {
        var client = Hall.CreateBrowserLikeClient();
        var failed = await client.GetAsync("/signin-external?error=access_denied&state=forged", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, failed.StatusCode);
        var page = await Html.GetAsync(client, failed.Headers.Location!.OriginalString);
        Assert.Contains("统一身份认证没有完成", page.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnifiedIdentity_WithoutAVerifiedIdNumber_IsRefusedAndCreatesNothing()
    {
        var (_, finished) = await SignInThroughProviderAsync(new ProviderUser("ywtb-unverified", "吴未核", "310112199507070011", IdNumberVerified: false));
        Assert.Equal(HttpStatusCode.BadRequest, finished.StatusCode);
        Assert.Contains("没有提供经过核验的身份证号码", await finished.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.False(await Hall.WithDbAsync(db => db.Users.AnyAsync(u => u.DisplayName == "吴未核", Cancel)));
    }
}

public sealed class ExternalSignInTests_Sqlite(SqliteUnifiedIdentityHall hall) : ExternalSignInTests(hall), IClassFixture<SqliteUnifiedIdentityHall>;

public sealed class ExternalSignInTests_Postgres(PostgresUnifiedIdentityHall hall) : ExternalSignInTests(hall), IClassFixture<PostgresUnifiedIdentityHall>;
