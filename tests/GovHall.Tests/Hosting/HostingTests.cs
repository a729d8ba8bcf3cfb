using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovHall.Tests.Infrastructure;

namespace GovHall.Tests.Hosting;

public abstract class HostingTests(HallFactory hall) : HallTest(hall)
{
    [Fact]
    public async Task Health_LiveAndReady_AreHealthy()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health/live", Cancel)).StatusCode);
        var ready = await Client.GetAsync("/health/ready", Cancel);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task BenchEndpoints_AreNotThereUnlessTurnedOn()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/bench/bare/read?code=X", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PostAsync("/bench/bare/insert", new StringContent("x"), Cancel)).StatusCode);
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
}

public sealed class HostingTests_Sqlite(SqliteHall hall) : HostingTests(hall), IClassFixture<SqliteHall>;

public sealed class HostingTests_Postgres(PostgresHall hall) : HostingTests(hall), IClassFixture<PostgresHall>;
