using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovHall.Tests.Cases;
using GovHall.Tests.Infrastructure;

namespace GovHall.Tests.Hosting;

public sealed class MetricsHall() : HallFactory(TestDatabase.Sqlite)
{
    public const string Token = "metrics-token-for-the-tests-0123456789";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } =
        new Dictionary<string, string?> { [GovHall.Web.Hosting.Metrics.TokenSetting] = Token };
}

// The operator's monitoring scrapes /metrics with the configured token and sees the requests,
// the cases made and answered again, and the runtime; never a person's data.
public sealed class MetricsTests(MetricsHall hall) : HallTest(hall), IClassFixture<MetricsHall>
{
    private async Task<HttpResponseMessage> ScrapeAsync(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Client.SendAsync(request, Cancel);
    }

    // The value of the first series of a metric whose labels contain all of `labels`.
    private static double ValueOf(string scrape, string metric, params string[] labels) =>
        scrape.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && labels.All(l => line.Contains(l, StringComparison.Ordinal)))
            .Select(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0).Sum();

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token-of-the-same-length-0123456789")]
    public async Task Scrape_WithoutTheToken_IsRefused(string? token)
    {
        var response = await ScrapeAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("auth.token_invalid", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.DoesNotContain("govhall_", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_ShowsRequests_CasesMadeAndAnsweredAgain_AndTheRuntime_WithoutPersonalData()
    {
        var before = await (await ScrapeAsync(MetricsHall.Token)).Content.ReadAsStringAsync(Cancel);
        var body = await CaseApiTests.AppealAsync(Hall, "监控计数。");
        var token = await CaseApiTests.TokenAsync(Client, "cases.submit");
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await CaseApiTests.SubmitAsync(Client, body, key, token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CaseApiTests.SubmitAsync(Client, body, key, token)).StatusCode);

        var response = await ScrapeAsync(MetricsHall.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var after = await response.Content.ReadAsStringAsync(Cancel);

        // Other halls of the test run share the process's meters, so the counts may grow by more.
        Assert.True(ValueOf(after, "govhall_cases_submitted_total", "channel=\"partner\"") >= ValueOf(before, "govhall_cases_submitted_total", "channel=\"partner\"") + 1, after);
        Assert.True(ValueOf(after, "govhall_cases_replayed_total", "channel=\"partner\"") >= ValueOf(before, "govhall_cases_replayed_total", "channel=\"partner\"") + 1, after);
        Assert.True(ValueOf(after, "http_server_request_duration_seconds_count", "http_route=\"/api/v1/cases\"", "http_response_status_code=\"201\"") >= 1, after);
        Assert.Matches(new Regex("^dotnet_gc_collections_total\\{", RegexOptions.Multiline), after);

        foreach (var personal in new[] { body["applicant"]!["idNumber"]!.GetValue<string>(), body["applicant"]!["phone"]!.GetValue<string>(), "王五" })
        {
            Assert.DoesNotContain(personal, after, StringComparison.Ordinal);
        }
    }
}

// Without a token configured there is no /metrics at all.
public sealed class MetricsOffTests(SqliteHall hall) : HallTest(hall), IClassFixture<SqliteHall>
{
    [Fact]
    public async Task Metrics_WithoutAConfiguredToken_AreNotServed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MetricsHall.Token);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(request, Cancel)).StatusCode);
    }
}
