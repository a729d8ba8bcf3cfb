using System.Net;
using GovHall.Tests.Infrastructure;

namespace GovHall.Tests.Accounts;

public sealed class StrictSqliteHall() : HallFactory(TestDatabase.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } =
        new Dictionary<string, string?> { ["GovHall:RateLimits:PerMinute"] = "3" };
}

public sealed class RateLimitTests(StrictSqliteHall hall) : HallTest(hall), IClassFixture<StrictSqliteHall>
{
    [Fact]
    public async Task SignIn_TooManyPosts_Is429WithRetryAfterAndAChineseMessage()
    {
        var page = await Html.GetAsync(Client, "/account/signin");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await Html.SubmitAsync(Client, page, "main form", new Dictionary<string, string> { ["UserName"] = "nobody", ["Password"] = "Wrong#pass1" });
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta?.TotalSeconds > 0);
        Assert.Contains("操作太频繁", await last.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        // Reading pages is never limited.
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/account/signin", Cancel)).StatusCode);
    }
}
