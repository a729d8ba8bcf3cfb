using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovHall.Tests.Infrastructure;
using GovHall.Web.Hosting.Security;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Tests.Hosting;

// Registering a real partner system (add-partner / remove-partner): it gets tokens with the
// scopes it was given and no others; a new secret replaces the old one at once; removed, it
// gets none. Refusals change nothing.
public abstract class PartnerClientTests(HallFactory hall) : HallTest(hall)
{
    private const string Secret = "a-secret-of-the-district-hall-0001";

    private async Task<HttpResponseMessage> TokenAsync(string clientId, string secret, string scope) =>
        await Client.PostAsync("/connect/token", new FormUrlEncodedContent(
        [
            new("grant_type", "client_credentials"), new("client_id", clientId), new("client_secret", secret), new("scope", scope),
        ]), Cancel);

    private async Task<string?> RegisterAsync(string? clientId, string? name, string[] scopes, string? secret) =>
        await PartnerClients.RegisterAsync(Hall.Services, clientId, name, scopes, secret, Cancel);

    [Fact]
    public async Task Partner_Registered_GetsItsScopes_NewSecretReplacesTheOld_Removed_GetsNothing()
    {
        var clientId = "office-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Null(await RegisterAsync(clientId, "区教育局办公平台", ["cases.submit"], Secret));

        var token = await TokenAsync(clientId, Secret, "cases.submit");
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.False(string.IsNullOrEmpty((await token.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("access_token").GetString()));
        var notGiven = await TokenAsync(clientId, Secret, "cases.read");
        Assert.Equal(HttpStatusCode.BadRequest, notGiven.StatusCode);
        Assert.Contains("not allowed to use the specified scope", (await notGiven.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("error_description").GetString(), StringComparison.Ordinal);

        // A new secret and scopes: the old secret stops working at once.
        const string rotated = "the-next-secret-of-the-district-hall-02";
        Assert.Null(await RegisterAsync(clientId, "区教育局办公平台", ["cases.submit", "cases.read"], rotated));
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(clientId, rotated, "cases.submit cases.read")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await TokenAsync(clientId, Secret, "cases.submit")).StatusCode);

        Assert.Null(await PartnerClients.RemoveAsync(Hall.Services, clientId, Cancel));
        Assert.NotEqual(HttpStatusCode.OK, (await TokenAsync(clientId, rotated, "cases.submit")).StatusCode);
        Assert.Contains("is registered", await PartnerClients.RemoveAsync(Hall.Services, clientId, Cancel), StringComparison.Ordinal);

        var actions = await Hall.WithDbAsync(db => db.AuditEntries.Where(e => e.Target == clientId).OrderBy(e => e.At).Select(e => e.Action).ToListAsync(Cancel));
        Assert.Equal(["partner.created", "partner.changed", "partner.removed"], actions);
        var details = await Hall.WithDbAsync(db => db.AuditEntries.Where(e => e.Target == clientId).OrderBy(e => e.At).Select(e => e.Detail ?? "").ToListAsync(Cancel));
        Assert.Equal("name: 区教育局办公平台; scopes: cases.submit", details[0]);
        Assert.Equal("name: 区教育局办公平台; scopes: cases.submit → cases.submit cases.read; secret replaced", details[1]);
        Assert.All(details, detail => Assert.DoesNotContain(Secret, detail, StringComparison.Ordinal));
        Assert.All(details, detail => Assert.DoesNotContain(rotated, detail, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ab", "名称", "cases.submit", Secret, "usage:")]
    [InlineData("has space", "名称", "cases.submit", Secret, "usage:")]
    [InlineData("office-x", "", "cases.submit", Secret, "usage:")]
    [InlineData("office-x", "名称", "", Secret, "usage:")]
    [InlineData("office-x", "名称", "cases.delete", Secret, "Unknown scope \"cases.delete\"")]
    [InlineData("office-x", "名称", "cases.submit", "too-short", "at least 32 characters")]
    [InlineData("office-x", "名称", "cases.submit", null, "at least 32 characters")]
    public async Task BadRegistration_IsRefusedWithTheReason_AndRegistersNothing(string clientId, string name, string scopes, string? secret, string reason)
    {
        var problem = await RegisterAsync(clientId, name, scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), secret);
        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await TokenAsync(clientId, secret ?? "", "cases.submit")).StatusCode);
    }
}

public sealed class PartnerClientTests_Sqlite(SqliteHall hall) : PartnerClientTests(hall), IClassFixture<SqliteHall>;

public sealed class PartnerClientTests_Postgres(PostgresHall hall) : PartnerClientTests(hall), IClassFixture<PostgresHall>;
