using System.Net;
using GovHall.Tests.Infrastructure;

namespace GovHall.Tests.Accounts;

// Staff land on their workbench after signing in, and the header shows them 工作台, never 我的办件
// (issue 23).
public abstract class StaffHomeTests(HallFactory hall) : HallTest(hall)
{
    private async Task<(HttpClient Client, string Landing)> SignInAsync(string userName, string? returnUrl = null)
    {
        var client = Hall.CreateBrowserLikeClient();
        var page = await Html.GetAsync(client, returnUrl is null ? "/account/signin" : $"/account/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        var response = await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = Staff.Password });
        var second = await Html.GetAsync(client, response.Headers.Location!.OriginalString);
        var done = await Html.SubmitAsync(client, second, "main form", new Dictionary<string, string> { ["Code"] = Staff.CurrentTotp() });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        return (client, done.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("clerk", "/staff")]
    [InlineData("reviewer", "/staff")]
    [InlineData("supervisor", "/staff")]
    [InlineData("catalog", "/admin")]
    [InlineData("admin", "/system")]
    public async Task Staff_SigningIn_LandOnTheirWorkbench_AndTheHeaderSaysWorkbench(string userName, string landing)
    {
        var (client, landed) = await SignInAsync(userName);
        Assert.Equal(landing, landed);
        var home = await Html.GetAsync(client, "/");
        var nav = home.QuerySelector("nav[aria-label='主导航']")!.TextContent;
        Assert.Equal(landing, home.QuerySelector("#workbench-link")?.GetAttribute("href"));
        Assert.Contains("工作台", nav, StringComparison.Ordinal);
        Assert.DoesNotContain("我的办件", nav, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_SentToSignInFromAPage_GoBackToThatPage()
    {
        var (_, landed) = await SignInAsync("clerk", "/staff/organizations");
        Assert.Equal("/staff/organizations", landed);
    }

    [Fact]
    public async Task Person_KeepsMyCases_AndHasNoWorkbench()
    {
        var client = await Staff.SignInAsync(Hall, "zhangsan");
        var home = await Html.GetAsync(client, "/");
        Assert.Null(home.QuerySelector("#workbench-link"));
        Assert.Contains("我的办件", home.QuerySelector("nav[aria-label='主导航']")!.TextContent, StringComparison.Ordinal);
    }
}

public sealed class StaffHomeTests_Sqlite(SqliteHall hall) : StaffHomeTests(hall), IClassFixture<SqliteHall>;

public sealed class StaffHomeTests_Postgres(PostgresHall hall) : StaffHomeTests(hall), IClassFixture<PostgresHall>;
