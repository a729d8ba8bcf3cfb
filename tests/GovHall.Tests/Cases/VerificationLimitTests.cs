using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GovHall.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Cases;

// A hall that allows two wrong guesses at a case's phone digits per address a day and four
// from all addresses together, and many queries per address; requests may name their address.
public class VerificationLimitHall(TestDatabase database) : HallFactory(database)
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["GovHall:RateLimits:QueriesPerMinute"] = "1000",
        ["GovHall:RateLimits:VerificationsPerAddressPerDay"] = "2",
        ["GovHall:RateLimits:VerificationsPerCodePerDay"] = "4",
    };

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<IStartupFilter, TestClientAddress>();
}

public sealed class SqliteVerificationLimitHall() : VerificationLimitHall(TestDatabase.Sqlite);

public sealed class PostgresVerificationLimitHall() : VerificationLimitHall(TestDatabase.Postgres);

// The four digits cannot be guessed, and guessing cannot lock the owner out: wrong guesses stop
// the address that made them, for that case; the right digits from elsewhere still open the
// timeline; past the cap for all addresses, the owner proves the phone with a one-time code.
// The code alone always shows where a case stands; an unknown code stays "not found".
public abstract partial class VerificationLimitTests(VerificationLimitHall hall) : HallTest(hall)
{
    private async Task<(string Code, string Other)> TwoCasesAsync()
    {
        var token = await PartnerApi.TokenAsync(Client, "cases.submit");
        var made = await (await PartnerApi.SubmitAsync(Client, await PartnerApi.AppealAsync(Hall, "核对次数。"), Guid.NewGuid().ToString(), token))
            .Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var other = await (await PartnerApi.SubmitAsync(Client, await PartnerApi.AppealAsync(Hall, "另一件。"), Guid.NewGuid().ToString(), token))
            .Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return (made.GetProperty("trackingCode").GetString()!, other.GetProperty("trackingCode").GetString()!);
    }

    private Task<HttpResponseMessage> AskAsync(string address, string code, string digits) =>
        TestClientAddress.From(Hall, address).GetAsync($"/api/v1/cases/status?code={code}&phoneLast4={digits}", Cancel);

    private static string Right => PartnerApi.AppealPhone[^4..];

    [Fact]
    public async Task Query_WrongDigits_StopTheirAddress_TheRightOnesFromElsewhereStillOpen_AndTheCapLocksTheCase()
    {
        var (code, other) = await TwoCasesAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await AskAsync("203.0.113.1", code, "0000")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AskAsync("203.0.113.1", code, "0001")).StatusCode);

        // The guessing address is stopped for this case, even with the right digits ...
        var stopped = await AskAsync("203.0.113.1", code, Right);
        Assert.Equal(HttpStatusCode.TooManyRequests, stopped.StatusCode);
        var problem = await stopped.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("query.verification_limited", problem.GetProperty("code").GetString());
        Assert.DoesNotContain("timeline", problem.ToString(), StringComparison.Ordinal);
        Assert.InRange(stopped.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));

        // ... but not for another case, and the owner elsewhere gets in, which counts nothing.
        var elsewhere = await AskAsync("203.0.113.1", other, Right);
        Assert.Equal(JsonValueKind.Array, (await elsewhere.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("timeline").ValueKind);
        var owner = await AskAsync("198.51.100.7", code, Right);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.Equal(JsonValueKind.Array, (await owner.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("timeline").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await AskAsync("198.51.100.7", code, Right)).StatusCode);

        // Four wrong from all addresses: the digits are off for everyone today.
        Assert.Equal(HttpStatusCode.NotFound, (await AskAsync("203.0.113.2", code, "0002")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AskAsync("203.0.113.3", code, "0003")).StatusCode);
        var locked = await AskAsync("198.51.100.7", code, Right);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal("query.case_locked", (await locked.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("code").GetString());

        // The code alone still answers; an unknown code is "not found" however often it is tried.
        Assert.Equal(HttpStatusCode.OK, (await AskAsync("198.51.100.7", code, "")).StatusCode);
        var unknown = GovHall.Core.Cases.TrackingCode.New().Value;
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await AskAsync("203.0.113.9", unknown, Right)).StatusCode);
        }

        // The counts are in the database (every node and a restart see them); housekeeping
        // forgets the days gone by.
        var rows = await Hall.WithDbAsync(db => db.GuessCounts.Select(c => c.Key).ToListAsync(Cancel));
        Assert.Contains(rows, key => key.Contains(code, StringComparison.Ordinal));
        Assert.DoesNotContain(rows, key => key.Contains(unknown, StringComparison.Ordinal));
        Assert.DoesNotContain(rows, key => key.Contains("203.0.113", StringComparison.Ordinal));
        var tomorrow = GovHall.Core.ChinaDate.Today(Hall.Services.GetRequiredService<TimeProvider>()).AddDays(1);
        await Hall.WithDbAsync(db => GovHall.Core.GuessCounts.ForgetBeforeAsync(db, tomorrow, Cancel));
        Assert.Equal(HttpStatusCode.OK, (await AskAsync("203.0.113.1", code, Right)).StatusCode);
    }

    [Fact]
    public async Task Query_LockedCase_TheOwnerOpensTheTimelineWithACodeSentToTheCasePhone()
    {
        var (code, _) = await TwoCasesAsync();
        foreach (var (address, digits) in new[] { ("203.0.113.11", "0000"), ("203.0.113.12", "0001"), ("203.0.113.13", "0002"), ("203.0.113.14", "0003") })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await AskAsync(address, code, digits)).StatusCode);
        }

        var owner = TestClientAddress.From(Hall, "198.51.100.20");
        var query = await Html.GetAsync(owner, "/query");
        var refused = await Html.SubmitAsync(owner, query, "main form", new Dictionary<string, string> { ["code"] = code, ["phone4"] = Right });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Contains("今天暂停用手机号后四位核对", page.Text(), StringComparison.Ordinal);
        var unlockUrl = page.QuerySelector("#unlock a")!.GetAttribute("href")!;

        var unlock = await Html.GetAsync(owner, unlockUrl);
        var sent = await Html.SubmitAsync(owner, unlock, "main form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var mailbox = await Html.GetAsync(owner, $"/dev/mailbox?to={PartnerApi.AppealPhone}");
        var secret = SixDigits().Match(mailbox.QuerySelector("#mailbox tbody tr td.message-body")!.TextContent).Value;

        var confirm = await Html.GetAsync(owner, sent.Headers.Location!.OriginalString);
        var wrong = await Html.SubmitAsync(owner, confirm, "main form", new Dictionary<string, string> { ["Secret"] = secret == "000000" ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Null((await Html.ParseAsync(wrong)).QuerySelector("ol.timeline"));
        var opened = await Html.SubmitAsync(owner, confirm, "main form", new Dictionary<string, string> { ["Secret"] = secret });
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var result = await Html.ParseAsync(opened);
        Assert.Contains("提交申请", result.QuerySelector("ol.timeline")!.TextContent, StringComparison.Ordinal);

        // The code is spent: it opens the timeline once.
        var again = await Html.SubmitAsync(owner, confirm, "main form", new Dictionary<string, string> { ["Secret"] = secret });
        Assert.Contains("验证码已使用过", (await Html.ParseAsync(again)).Text(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\d{6}")]
    private static partial Regex SixDigits();
}

public sealed class VerificationLimitTests_Sqlite(SqliteVerificationLimitHall hall) : VerificationLimitTests(hall), IClassFixture<SqliteVerificationLimitHall>;

public sealed class VerificationLimitTests_Postgres(PostgresVerificationLimitHall hall) : VerificationLimitTests(hall), IClassFixture<PostgresVerificationLimitHall>;
