using GovHall.Core;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace GovHall.Web.Hosting.Security;

// The add-partner and remove-partner commands: the partner systems that may ask for tokens
// (PartnerTokenServer), each with its own secret and scopes.
public static class PartnerClients
{
    public const string SecretVariable = "GOVHALL_PARTNER_SECRET";

    private const string Usage =
        "usage: GovHall.Web add-partner CLIENT_ID NAME SCOPE... (CLIENT_ID: a letter, then 2 to 63 letters, digits, '.', '_' or '-'; " +
        "SCOPE: cases.submit, cases.read), with a secret of at least 32 characters in the environment variable " + SecretVariable;

    // Registers a partner system, or gives a registered one a new secret and scopes (the old
    // secret stops working at once; tokens already issued live out their lifetime). The
    // secret comes from the environment, never the command line, and is stored hashed.
    public static async Task<string?> RegisterAsync(
        IServiceProvider services, string? clientId, string? displayName, IReadOnlyList<string> scopes, string? secret, CancellationToken cancellationToken)
    {
        if (!IsClientId(clientId) || string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 100 || scopes.Count == 0)
        {
            return Usage;
        }

        if (scopes.FirstOrDefault(s => !PartnerScopes.All.Contains(s)) is { } unknown)
        {
            return $"Unknown scope \"{unknown}\": the scopes are {string.Join(", ", PartnerScopes.All)}.";
        }

        if (secret is null || secret.Length < 32)
        {
            return $"The secret in {SecretVariable} must have at least 32 characters (for example: openssl rand -base64 32).";
        }

        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = displayName.Trim(),
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var partnerScope in scopes.Distinct())
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + partnerScope);
        }

        var existing = await manager.FindByClientIdAsync(clientId!, cancellationToken);
        var given = string.Join(" ", scopes.Distinct());
        string detail;
        if (existing is null)
        {
            // Receipts and idempotency keys go by the client id: a new system under a removed
            // partner's id would reach that partner's cases.
            var db = scope.ServiceProvider.GetRequiredService<HallDbContext>();
            if (await db.Cases.AnyAsync(c => c.PartnerClientId == clientId, cancellationToken))
            {
                return $"The client id \"{clientId}\" was a partner's before and has cases; give the new partner a new id.";
            }

            await manager.CreateAsync(descriptor, cancellationToken);
            detail = $"name: {descriptor.DisplayName}; scopes: {given}";
        }
        else
        {
            var before = string.Join(" ", (await manager.GetPermissionsAsync(existing, cancellationToken))
                .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
                .Select(p => p[Permissions.Prefixes.Scope.Length..]));
            await manager.UpdateAsync(existing, descriptor, cancellationToken);
            detail = $"name: {descriptor.DisplayName}; scopes: {before} → {given}; secret replaced";
        }

        await scope.ServiceProvider.GetRequiredService<Core.Audit.AuditLog>().WriteAsync(
            "cli", existing is null ? "partner.created" : "partner.changed", clientId!, detail, null, true, cancellationToken);
        return null;
    }

    // Removes a partner system: it can get no new token (those issued live out their lifetime).
    public static async Task<string?> RemoveAsync(IServiceProvider services, string? clientId, CancellationToken cancellationToken)
    {
        if (!IsClientId(clientId))
        {
            return "usage: GovHall.Web remove-partner CLIENT_ID";
        }

        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await manager.FindByClientIdAsync(clientId!, cancellationToken) is not { } existing)
        {
            return $"No partner client \"{clientId}\" is registered.";
        }

        await manager.DeleteAsync(existing, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<Core.Audit.AuditLog>().WriteAsync("cli", "partner.removed", clientId!, null, null, true, cancellationToken);
        return null;
    }

    private static bool IsClientId(string? clientId) =>
        clientId is not null && System.Text.RegularExpressions.Regex.IsMatch(clientId, "^[A-Za-z][A-Za-z0-9._-]{2,63}$");
}
