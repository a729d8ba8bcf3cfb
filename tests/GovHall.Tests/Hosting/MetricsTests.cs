using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Diagnostics.Metrics;
using GovHall.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using GovHall.Tests.Infrastructure;

namespace GovHall.Tests.Hosting;

public class MetricsHall(TestDatabase database) : HallFactory(database)
{
    public const string Token = "metrics-token-for-the-tests-0123456789";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } =
        new Dictionary<string, string?> { [GovHall.Web.Hosting.Http.Metrics.TokenSetting] = Token };

    // Every scrape reads the figures afresh (the exporter otherwise keeps one for 300 ms).
    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.Configure<OpenTelemetry.Exporter.PrometheusAspNetCoreOptions>(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
}

public sealed class MetricsSqliteHall() : MetricsHall(TestDatabase.Sqlite);

public sealed class MetricsPostgresHall() : MetricsHall(TestDatabase.Postgres);

// The operator's monitoring scrapes /metrics with the configured token and sees the requests,
// the cases made and answered again, and the runtime; never a person's data.
public abstract class MetricsTests(MetricsHall hall) : HallTest(hall)
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

    // The sum of the series of a metric whose labels contain all of `labels`. of a metric whose labels contain all of `labels`.
    private static double ValueOf(string scrape, string metric, params string[] labels) =>
        scrape.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && labels.All(l => line.Contains(l, StringComparison.Ordinal)))
            .Select(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0).Sum();

    [Theory]
    [InlineData(null)]
    [InlineData("a-wrong-token-as-long-as-a-real-one-0123")]
    public async Task Scrape_WithoutTheToken_IsRefused(string? token)
    {
        var response = await ScrapeAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("auth.token_invalid", (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());
        Assert.DoesNotContain("govhall_", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    // The hall's own meter, as this hall alone counts it: the scrape also holds the counts of the
    // other halls of the test run, which share the process's meters by name.
    private MetricCollector<long> Collect(string instrument) =>
        new(Hall.Services.GetRequiredService<IMeterFactory>(), HallMetrics.MeterName, instrument);

    private static long Sum(MetricCollector<long> collector, string tag, string value) =>
        collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags[tag], value)).Sum(m => m.Value);

    [Fact]
    public async Task Scrape_ShowsRequests_TheHallsCounts_AndTheRuntime_WithoutPersonalData()
    {
        var body = await PartnerApi.AppealAsync(Hall, "监控计数。");
        var token = await PartnerApi.TokenAsync(Client, "cases.submit");
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await PartnerApi.SubmitAsync(Client, body, key, token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PartnerApi.SubmitAsync(Client, body, key, token)).StatusCode);

        var response = await ScrapeAsync(MetricsHall.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var scrape = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(ValueOf(scrape, "govhall_cases_submitted_total", "channel=\"partner\"") >= 1, scrape);
        Assert.True(ValueOf(scrape, "govhall_cases_replayed_total", "channel=\"partner\"") >= 1, scrape);
        Assert.True(ValueOf(scrape, "http_server_request_duration_seconds_count", "http_route=\"/api/v1/cases\"", "http_response_status_code=\"201\"") >= 1, scrape);
        Assert.Matches(new Regex("^dotnet_gc_collections_total\\{", RegexOptions.Multiline), scrape);
        Assert.Contains("service_name=\"govhall\"", scrape, StringComparison.Ordinal);
        if (Hall.Database == TestDatabase.Postgres)
        {
            // Npgsql's pool, under the hall's own name rather than the connection's host and user.
            Assert.Matches(new Regex("^db_client_connection_count\\{[^}]*db_client_connection_pool_name=\"govhall\"", RegexOptions.Multiline), scrape);
        }

        foreach (var personal in new[] { body["applicant"]!["idNumber"]!.GetValue<string>(), body["applicant"]!["phone"]!.GetValue<string>(), "王五" })
        {
            Assert.DoesNotContain(personal, scrape, StringComparison.Ordinal);
        }

        // Only reading: anything else is refused.
        using var post = new HttpRequestMessage(HttpMethod.Post, "/metrics");
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MetricsHall.Token);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await Client.SendAsync(post, Cancel)).StatusCode);
    }

    // Each case made is counted once when it is made, and each answer with an earlier case
    // once, on both channels: a partner's retry, a person's double click and later press.
    [Fact]
    public async Task CasesMade_AndAnsweredAgain_AreCountedOnce_ByChannel()
    {
        using var submitted = Collect("govhall.cases.submitted");
        using var replayed = Collect("govhall.cases.replayed");

        var body = await PartnerApi.AppealAsync(Hall, "合作方重试。");
        var token = await PartnerApi.TokenAsync(Client, "cases.submit");
        var key = Guid.NewGuid().ToString();
        await PartnerApi.SubmitAsync(Client, body, key, token);
        await PartnerApi.SubmitAsync(Client, body, key, token);
        await PartnerApi.SubmitAsync(Client, body, key, token);

        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var formUrl = await TeacherApplication.DraftAsync(Hall, zhangsan);
        var check = await Html.GetAsync(zhangsan, formUrl.Replace("/form", "/check", StringComparison.Ordinal));
        var declared = new Dictionary<string, string> { ["declared"] = "true" };
        var first = await Task.WhenAll(Html.SubmitAsync(zhangsan, check, "main form", declared), Html.SubmitAsync(zhangsan, check, "main form", declared));
        Assert.All(first, p => Assert.Equal(HttpStatusCode.Redirect, p.StatusCode));
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(zhangsan, check, "main form", declared)).StatusCode);

        Assert.Equal(1, Sum(submitted, "channel", "partner"));
        Assert.Equal(2, Sum(replayed, "channel", "partner"));
        Assert.Equal(1, Sum(submitted, "channel", "online"));
        Assert.Equal(2, Sum(replayed, "channel", "online"));
    }

    // Every try the dispatcher records is counted once with the outcome it was recorded with.
    [Fact]
    public async Task MessageTries_AreCounted_AsTheyAreRecorded()
    {
        using var tries = Collect("govhall.notifications.tries");
        var since = TimeProvider.System.GetUtcNow().UtcDateTime;
        var body = await PartnerApi.AppealForAsync(Hall, "zhangsan", "消息计数。");
        await PartnerApi.SubmitAsync(Client, body, Guid.NewGuid().ToString(), await PartnerApi.TokenAsync(Client, "cases.submit"));

        // The hall's own worker sends them, and counts each try once it is committed; so each
        // time the counts disagree with the records, a measurement is still to come: wait for it.
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        patience.CancelAfter(TimeSpan.FromSeconds(20));
        Dictionary<string, long> recorded = [], counted = [];
        while (true)
        {
            var measurements = tries.GetMeasurementSnapshot();
            counted = measurements.GroupBy(m => (string)m.Tags["outcome"]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
            recorded = (await Hall.WithDbAsync(db => db.NotificationAttempts.Where(a => a.At >= since && !a.Outcome.StartsWith("receipt:"))
                    .Select(a => a.Outcome).ToListAsync(Cancel)))
                .GroupBy(o => o.Replace('-', '_')).ToDictionary(g => g.Key, g => (long)g.Count());
            if (recorded.Count > 0 && recorded.OrderBy(r => r.Key).SequenceEqual(counted.OrderBy(c => c.Key)))
            {
                break;
            }

            try
            {
                await tries.WaitForMeasurementsAsync(measurements.Count + 1, patience.Token);
            }
            catch (OperationCanceledException) when (!Cancel.IsCancellationRequested)
            {
                break;
            }
        }

        Assert.NotEmpty(recorded);
        Assert.Equal(recorded.OrderBy(r => r.Key), counted.OrderBy(c => c.Key));
    }
}

public sealed class MetricsTests_Sqlite(MetricsSqliteHall hall) : MetricsTests(hall), IClassFixture<MetricsSqliteHall>;

public sealed class MetricsTests_Postgres(MetricsPostgresHall hall) : MetricsTests(hall), IClassFixture<MetricsPostgresHall>;

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
