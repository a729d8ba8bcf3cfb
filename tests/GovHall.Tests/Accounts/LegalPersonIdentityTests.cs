using System.Net;
using GovHall.Core.Accounts;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Tests.Accounts;

// The hall joined to a real OpenID Connect provider standing in for the legal persons' identity
// (法人一证通), which vouches for a unit's credit code and legal representative.
public class LegalPersonIdentityHall(TestDatabase database) : HallFactory(database)
{
    public TestIdentityProvider Provider { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["GovHall:LegalPersonIdentity:Authority"] = Provider.Authority,
        ["GovHall:LegalPersonIdentity:ClientId"] = TestIdentityProvider.ClientId,
        ["GovHall:LegalPersonIdentity:ClientSecret"] = TestIdentityProvider.ClientSecret,
        ["GovHall:LegalPersonIdentity:RequireHttps"] = "false",
    };

    public override async ValueTask InitializeAsync()
    {
        Provider = await TestIdentityProvider.StartAsync("http://localhost/signin-legal-person");
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteLegalPersonIdentityHall() : LegalPersonIdentityHall(TestDatabase.Sqlite);

public sealed class PostgresLegalPersonIdentityHall() : LegalPersonIdentityHall(TestDatabase.Postgres);

public abstract class LegalPersonIdentityTests(LegalPersonIdentityHall hall) : HallTest(hall)
{
    private readonly LegalPersonIdentityHall legal = hall;

    private static async Task<string> RegisterAsync(HttpClient person, string name, string code, string representative)
    {
        var page = await Html.GetAsync(person, "/account/me/organizations");
        var registered = await Html.SubmitAsync(person, page, "main form.stacked", new Dictionary<string, string>
        {
            ["Name"] = name, ["CreditCode"] = code, ["LegalRepresentative"] = representative,
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        return registered.Headers.Location!.OriginalString;
    }

    // Out to the provider and back, as a browser follows the redirects.
    private async Task<HttpResponseMessage> VerifyThroughProviderAsync(HttpClient person, string link, ProviderUser user)
    {
        legal.Provider.NextUser = user;
        var page = await Html.GetAsync(person, link);
        var challenge = await Html.SubmitAsync(person, page, "#legal-person-form");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith(legal.Provider.Authority, challenge.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var authorized = await browser.GetAsync(challenge.Headers.Location, Cancel);
        var callback = authorized.Headers.Location!;
        Assert.Equal("/signin-legal-person", callback.AbsolutePath);
        var back = await person.GetAsync(callback.PathAndQuery, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        return await person.GetAsync(back.Headers.Location!.OriginalString, Cancel);
    }

    [Fact]
    public async Task Administrator_SignsInAtTheLegalPersonsIdentity_AndAMatchVerifiesTheOrganisation()
    {
        var lisi = await Staff.SignInAsync(Hall, "lisi");
        var link = await RegisterAsync(lisi, "上海市闵行区启航艺术培训学校（演示）", "52310112MJ47821807", "李四");

        // A unit whose legal representative differs is not this one: refused, still pending.
        var mismatch = await VerifyThroughProviderAsync(lisi, link, new ProviderUser("lp-1", "李四", "", false, CreditCode: "52310112MJ47821807", LegalRepresentative: "王五"));
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        var refused = await Html.ParseAsync(mismatch);
        Assert.Contains("与登记信息不符", refused.QuerySelector("#organization-problems")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("待核验", refused.QuerySelector("#verification h2")!.TextContent, StringComparison.Ordinal);

        var matched = await VerifyThroughProviderAsync(lisi, link, new ProviderUser("lp-1", "李四", "", false, CreditCode: "52310112MJ47821807", LegalRepresentative: "李四"));
        Assert.Equal(HttpStatusCode.Redirect, matched.StatusCode);
        var page = await Html.GetAsync(lisi, link);
        Assert.Contains("已核验", page.QuerySelector("#verification h2")!.TextContent, StringComparison.Ordinal);
        var organization = await Hall.WithDbAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.CreditCode == "52310112MJ47821807", Cancel));
        Assert.Equal(("legal-person identity", OrganizationStatus.Verified), (organization.VerifiedBy, organization.Status));
        Assert.Null(page.QuerySelector("#legal-person-form"));
    }
}

public sealed class LegalPersonIdentityTests_Sqlite(SqliteLegalPersonIdentityHall hall) : LegalPersonIdentityTests(hall), IClassFixture<SqliteLegalPersonIdentityHall>;

public sealed class LegalPersonIdentityTests_Postgres(PostgresLegalPersonIdentityHall hall) : LegalPersonIdentityTests(hall), IClassFixture<PostgresLegalPersonIdentityHall>;
