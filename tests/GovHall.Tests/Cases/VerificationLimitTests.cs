using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Cases;

// A hall that allows a case's phone digits three tries a day, and many queries per address.
public sealed class VerificationLimitHall() : HallFactory(TestDatabase.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["GovHall:RateLimits:QueriesPerMinute"] = "1000",
        ["GovHall:RateLimits:VerificationsPerCodePerDay"] = "3",
    };
}

// The four digits cannot be guessed from many addresses: a case takes so many tries a day,
// then even the right digits wait until tomorrow, while the code alone still shows where it
// stands. An unknown code stays "not found", so the limit says no more than the code does.
public sealed class VerificationLimitTests(VerificationLimitHall hall) : HallTest(hall), IClassFixture<VerificationLimitHall>
{
    [Fact]
    public async Task Query_ACasesPhoneDigits_TakeSoManyTriesADay_ThenWaitUntilTomorrow()
    {
        var token = await PartnerApi.TokenAsync(Client, "cases.submit");
        var made = await (await PartnerApi.SubmitAsync(Client, await PartnerApi.AppealAsync(Hall, "核对次数。"), Guid.NewGuid().ToString(), token))
            .Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var code = made.GetProperty("trackingCode").GetString()!;
        var other = await (await PartnerApi.SubmitAsync(Client, await PartnerApi.AppealAsync(Hall, "另一件。"), Guid.NewGuid().ToString(), token))
            .Content.ReadFromJsonAsync<JsonElement>(Cancel);

        foreach (var guess in new[] { "0000", "0001", "0002" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/v1/cases/status?code={code}&phoneLast4={guess}", Cancel)).StatusCode);
        }

        var right = await Client.GetAsync($"/api/v1/cases/status?code={code}&phoneLast4=0009", Cancel);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        var problem = await right.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("query.verification_limited", problem.GetProperty("code").GetString());
        Assert.DoesNotContain("timeline", problem.ToString(), StringComparison.Ordinal);
        var wait = right.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        var page = await Client.GetAsync($"/query?code={code}&phone4=0009", Cancel);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("这个查询码今天已核对手机号 3 次", (await Html.ParseAsync(page)).Text(), StringComparison.Ordinal);

        // The code alone still answers; another case's digits are its own; an unknown code
        // is "not found" however often it is tried.
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/api/v1/cases/status?code={code}", Cancel)).StatusCode);
        var verified = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/status?code={other.GetProperty("trackingCode").GetString()}&phoneLast4=0009", Cancel);
        Assert.Equal(JsonValueKind.Array, verified.GetProperty("timeline").ValueKind);
        var unknown = GovHall.Core.Cases.TrackingCode.New().Value;
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/v1/cases/status?code={unknown}&phoneLast4=0009", Cancel)).StatusCode);
        }

        // The count is kept in the database (every node and a restart see it), one row a case
        // and day; housekeeping forgets the days gone by.
        var rows = await Hall.WithDbAsync(db => db.VerificationCounts.Select(c => c.Key).ToListAsync(Cancel));
        Assert.Equal(2, rows.Count);
        Assert.DoesNotContain(rows, key => key.EndsWith(unknown, StringComparison.Ordinal));
        var tomorrow = GovHall.Core.ChinaDate.Today(Hall.Services.GetRequiredService<TimeProvider>()).AddDays(1);
        await Hall.WithDbAsync(db => GovHall.Core.Cases.VerificationLimit.ForgetBeforeAsync(db, tomorrow, Cancel));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/api/v1/cases/status?code={code}&phoneLast4=0009", Cancel)).StatusCode);
    }
}
