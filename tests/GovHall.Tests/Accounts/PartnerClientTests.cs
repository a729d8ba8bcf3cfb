using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovHall.Tests.Infrastructure;

namespace GovHall.Tests.Accounts;

// Partner systems get tokens at POST /connect/token with OAuth 2.0 client credentials.
public abstract class PartnerClientTests(HallFactory hall) : HallTest(hall)
{
    private Task<HttpResponseMessage> RequestTokenAsync(string clientId, string secret, string scope) =>
        Client.PostAsync("/connect/token", new FormUrlEncodedContent(
        [
            new("grant_type", "client_credentials"), new("client_id", clientId), new("client_secret", secret), new("scope", scope),
        ]), Cancel);

    [Fact]
    public async Task DemoPartner_GetsAShortLivedBearerToken()
    {
        var response = await RequestTokenAsync("district-hall-demo", "demo-secret", "cases.submit cases.read");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.False(string.IsNullOrEmpty(token.GetProperty("access_token").GetString()));
        Assert.InRange(token.GetProperty("expires_in").GetInt32(), 60, 1800);
    }

    [Theory]
    [InlineData("district-hall-demo", "wrong-secret", "cases.submit", "invalid_client")]
    [InlineData("nobody", "demo-secret", "cases.submit", "invalid_client")]
    [InlineData("district-hall-demo", "demo-secret", "admin.everything", "invalid_scope")]
    public async Task TokenRequest_WithWrongCredentialsOrScope_IsRefused(string clientId, string secret, string scope, string error)
    {
        var response = await RequestTokenAsync(clientId, secret, scope);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, response.StatusCode.ToString());
        Assert.Equal(error, (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("error").GetString());
    }
}

public sealed class PartnerClientTests_Sqlite(SqliteHall hall) : PartnerClientTests(hall), IClassFixture<SqliteHall>;

public sealed class PartnerClientTests_Postgres(PostgresHall hall) : PartnerClientTests(hall), IClassFixture<PostgresHall>;
