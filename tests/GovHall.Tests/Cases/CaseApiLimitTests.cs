using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Tests.Cases;

// A hall whose partner tokens live a minute of its clock, which the tests move, and whose
// one-code query allows three a minute.
public class ShortLivedTokensHall(TestDatabase database) : ClockHall(database)
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(1);

    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["GovHall:Tokens:AccessTokenLifetime"] = TokenLifetime.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["GovHall:RateLimits:QueriesPerMinute"] = "3",
    };
}

public sealed class ShortLivedTokensSqliteHall() : ShortLivedTokensHall(TestDatabase.Sqlite);

public sealed class ShortLivedTokensPostgresHall() : ShortLivedTokensHall(TestDatabase.Postgres);

public abstract class CaseApiLimitTests(ShortLivedTokensHall hall) : HallTest(hall)
{
    [Fact]
    public async Task Partner_WithAnExpiredToken_IsRefused()
    {
        var token = await PartnerApi.TokenAsync(Client, "cases.submit");

        // OpenIddict reads the time from the hall's TimeProvider: the token expires on its clock.
        ((ShortLivedTokensHall)Hall).Clock.Advance(ShortLivedTokensHall.TokenLifetime + TimeSpan.FromSeconds(1));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(new { itemCode = "x" }) };
        request.Headers.Add("Idempotency-Key", "expired");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await Client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("auth.token_invalid", problem.GetProperty("code").GetString());
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.False(await Hall.WithDbAsync(db => db.Cases.AnyAsync(Cancel)));
    }

    [Fact]
    public async Task Query_TooManyLookups_Is429WithRetryAfter()
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await Client.GetAsync($"/api/v1/cases/status?code={GovHall.Core.Cases.TrackingCode.New().Value}", Cancel));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.NotFound, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3].StatusCode);
        Assert.NotNull(answers[3].Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Client.GetAsync("/query?code=AAAA-BBBB-CCCC", Cancel)).StatusCode);
    }
}

public sealed class CaseApiLimitTests_Sqlite(ShortLivedTokensSqliteHall hall) : CaseApiLimitTests(hall), IClassFixture<ShortLivedTokensSqliteHall>;

public sealed class CaseApiLimitTests_Postgres(ShortLivedTokensPostgresHall hall) : CaseApiLimitTests(hall), IClassFixture<ShortLivedTokensPostgresHall>;
