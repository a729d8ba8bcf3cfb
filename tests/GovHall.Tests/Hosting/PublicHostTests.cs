using System.Net;
using GovHall.Tests.Infrastructure;

namespace GovHall.Tests.Hosting;

// A hall with its public address configured (GovHall:PublicUrl) and AllowedHosts left at "*".
public class PublicHostHall(TestDatabase database) : HallFactory(database)
{
    public const string PublicHostName = "hall.example.gov.cn";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } =
        new Dictionary<string, string?> { ["GovHall:PublicUrl"] = $"https://{PublicHostName}" };
}

public sealed class PublicHostSqliteHall() : PublicHostHall(TestDatabase.Sqlite);

public sealed class PublicHostPostgresHall() : PublicHostHall(TestDatabase.Postgres);

// A Host header the hall does not serve is refused before anything can echo it, and the
// OpenAPI description names the public address, never the request's Host.
public abstract class PublicHostTests(PublicHostHall hall) : HallTest(hall)
{
    [Theory]
    [InlineData("evil.example", HttpStatusCode.BadRequest)]
    [InlineData("hall.example.gov.cn.evil.example", HttpStatusCode.BadRequest)]
    [InlineData(PublicHostHall.PublicHostName, HttpStatusCode.OK)]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    public async Task Request_ForAHost_IsAnsweredOnlyForThePublicOneAndLoopback(string host, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{host}/api/v1/items?pageSize=1");
        var response = await Client.SendAsync(request, Cancel);

        Assert.Equal(expected, response.StatusCode);
        Assert.DoesNotContain("evil", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_NamesThePublicAddress()
    {
        var description = await Client.GetStringAsync("/openapi/v1.json", Cancel);

        Assert.Contains($"\"url\": \"https://{PublicHostHall.PublicHostName}\"", description, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost", description, StringComparison.Ordinal);
    }
}

public sealed class PublicHostTests_Sqlite(PublicHostSqliteHall hall) : PublicHostTests(hall), IClassFixture<PublicHostSqliteHall>;

public sealed class PublicHostTests_Postgres(PublicHostPostgresHall hall) : PublicHostTests(hall), IClassFixture<PublicHostPostgresHall>;

// Without a public address every host is answered, but the description still never echoes one.
public abstract class OpenApiHostTests(HallFactory hall) : HallTest(hall)
{
    [Fact]
    public async Task OpenApi_WithoutAPublicAddress_NamesNoServer_WhateverTheHost()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://evil.example/openapi/v1.json");
        var response = await Client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var description = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("\"/api/v1/cases\"", description, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", description, StringComparison.Ordinal);
    }
}

public sealed class OpenApiHostTests_Sqlite(SqliteHall hall) : OpenApiHostTests(hall), IClassFixture<SqliteHall>;

public sealed class OpenApiHostTests_Postgres(PostgresHall hall) : OpenApiHostTests(hall), IClassFixture<PostgresHall>;
