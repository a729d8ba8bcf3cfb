using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Tests.Hosting;

public abstract class HostingTests(HallFactory hall) : HallTest(hall)
{
    [Fact]
    public async Task Health_LiveAndReady_AreHealthy()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health/live", Cancel)).StatusCode);
        var ready = await Client.GetAsync("/health/ready", Cancel);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var answer = await ready.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("Healthy", answer.GetProperty("status").GetString());
        Assert.Equal(["code-channels", "database", "migrations"], answer.GetProperty("checks").EnumerateObject().Select(c => c.Name).Order());
    }

    [Fact]
    public async Task BenchEndpoints_AreNotThereUnlessTurnedOn()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/bench/bare/read?code=X", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PostAsync("/bench/bare/insert", new StringContent("x"), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PostAsync("/bench/bare/store", new StringContent("x"), Cancel)).StatusCode);
    }

    [Fact]
    public async Task OpenApi_DescribesThePublicReadApi()
    {
        var document = await Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancel);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/items", out _));
        Assert.True(paths.TryGetProperty("/api/v1/items/{itemCode}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/items/{itemCode}/versions", out _));
    }

    // A partner's developer generating a client from the description gets the answers the
    // API really gives, the receipt as PDF, and a token for the operations that need one.
    [Fact]
    public async Task OpenApi_DescribesThePartnerApi_ItsAnswersAndItsTokens()
    {
        var document = await Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancel);
        var submit = document.GetProperty("paths").GetProperty("/api/v1/cases").GetProperty("post");
        var answers = submit.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "200", "201", "400", "401", "403", "409", "410", "413", "415", "422" }, answers);
        Assert.True(submit.GetProperty("responses").GetProperty("201").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(submit.GetProperty("responses").GetProperty("422").GetProperty("content").TryGetProperty("application/problem+json", out _));
        Assert.Contains(submit.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.Equal("cases.submit", submit.GetProperty("security")[0].GetProperty("partner")[0].GetString());

        var receipt = document.GetProperty("paths").GetProperty("/api/v1/cases/{code}/receipt.pdf").GetProperty("get");
        Assert.True(receipt.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/pdf", out _));
        Assert.Equal(2, receipt.GetProperty("security").GetArrayLength());

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("partner");
        Assert.Equal("oauth2", scheme.GetProperty("type").GetString());
        var flow = scheme.GetProperty("flows").GetProperty("clientCredentials");
        Assert.Equal("/connect/token", flow.GetProperty("tokenUrl").GetString());
        Assert.True(flow.GetProperty("scopes").TryGetProperty("cases.submit", out _));

        var status = document.GetProperty("paths").GetProperty("/api/v1/cases/status").GetProperty("get");
        Assert.False(status.TryGetProperty("security", out _));
        Assert.True(status.GetProperty("responses").TryGetProperty("429", out _));
    }
}

public sealed class HostingTests_Sqlite(SqliteHall hall) : HostingTests(hall), IClassFixture<SqliteHall>
{
    // Durability and integrity are settings of each SQLite connection: every connection the
    // hall uses has them, the first use of a pooled connection and every later one alike.
    [Fact]
    public async Task EverySqliteConnection_CommitsDurably_ChecksForeignKeys_AndWaitsForTheWriter()
    {
        for (var use = 0; use < 3; use++)
        {
            var (synchronous, foreignKeys, busyTimeout) = await Hall.WithDbAsync(async db => (
                await ScalarAsync(db, "SELECT synchronous AS Value FROM pragma_synchronous"),
                await ScalarAsync(db, "SELECT foreign_keys AS Value FROM pragma_foreign_keys"),
                await ScalarAsync(db, "SELECT timeout AS Value FROM pragma_busy_timeout")));
            Assert.Equal(2, synchronous); // FULL
            Assert.Equal(1, foreignKeys);
            Assert.Equal(10000, busyTimeout);
        }

        // A new physical connection (the pool emptied) gets them too.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Equal(2, await Hall.WithDbAsync(db => ScalarAsync(db, "SELECT synchronous AS Value FROM pragma_synchronous")));
    }

    private static async Task<long> ScalarAsync(GovHall.Core.HallDbContext db, string sql) =>
        (await db.Database.SqlQueryRaw<long>(sql).ToListAsync(Cancel)).Single();
}

public sealed class HostingTests_Postgres(PostgresHall hall) : HostingTests(hall), IClassFixture<PostgresHall>;
