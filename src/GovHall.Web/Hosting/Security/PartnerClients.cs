using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore;
using OpenIddict.Server.AspNetCore;
using GovHall.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace GovHall.Web.Hosting.Security;

// Partner systems (the district hall, the bureau's office platform) get access tokens at
// POST /connect/token with OAuth 2.0 client credentials (OpenIddict on the hall's database).
// Each client has its own secret and scopes. The token keys never live in the database:
//   GovHall:Tokens:SigningKey      PEM of an RSA private key (the same on every node), or a key
//   GovHall:Tokens:EncryptionKey   base64 of 32 bytes; without them, files made once in
//                                  {DataDirectory}/keys (one machine only).
public static class PartnerClients
{
    public const string SubmitCases = "cases.submit";
    public const string ReadCases = "cases.read";
    public static readonly string[] Scopes = [SubmitCases, ReadCases];

    public static IServiceCollection AddPartnerClients(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, string dataDirectory)
    {
        var (signing, encryption) = Keys(configuration, dataDirectory);
        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<HallDbContext>().ReplaceDefaultEntities<Guid>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris("connect/token");
                server.AllowClientCredentialsFlow();
                server.RegisterScopes(Scopes);
                server.AddSigningKey(signing);
                server.AddEncryptionKey(encryption);
                server.SetAccessTokenLifetime(configuration.GetValue("GovHall:Tokens:AccessTokenLifetime", TimeSpan.FromMinutes(30)));
                var aspNetCore = server.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (!environment.IsProduction())
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
            });
        return services;
    }

    // OpenIddict has checked the client, its secret and its scopes; this names the partner in
    // the token (subject = client id) with the scopes it asked for and may have.
    public static IEndpointRouteBuilder MapPartnerTokens(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/connect/token", async (HttpContext context, IOpenIddictApplicationManager applications, CancellationToken cancellationToken) =>
        {
            var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            if (!request.IsClientCredentialsGrantType())
            {
                return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
                ?? throw new InvalidOperationException("OpenIddict validated an unknown client.");
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, await applications.GetClientIdAsync(application, cancellationToken))
                .SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application, cancellationToken));
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    // The demo partner of ../shared/CONTRACT.md: district-hall-demo / demo-secret, all scopes.
    public static async Task SeedDemoClientAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await manager.FindByClientIdAsync("district-hall-demo", cancellationToken) is not null)
        {
            return;
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = "district-hall-demo",
            ClientSecret = "demo-secret",
            ClientType = ClientTypes.Confidential,
            DisplayName = "区网上政务大厅（演示）",
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var partnerScope in Scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + partnerScope);
        }

        await manager.CreateAsync(descriptor, cancellationToken);
    }

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

        if (scopes.FirstOrDefault(s => !Scopes.Contains(s)) is { } unknown)
        {
            return $"Unknown scope \"{unknown}\": the scopes are {string.Join(", ", Scopes)}.";
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

    private static (SecurityKey Signing, SecurityKey Encryption) Keys(IConfiguration configuration, string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "keys");
        Directory.CreateDirectory(folder);
        var rsa = RSA.Create();
        var signingPem = configuration["GovHall:Tokens:SigningKey"];
        var signingFile = Path.Combine(folder, "token-signing.pem");
        if (string.IsNullOrWhiteSpace(signingPem))
        {
            if (!File.Exists(signingFile))
            {
                using var fresh = RSA.Create(2048);
                File.WriteAllText(signingFile, fresh.ExportPkcs8PrivateKeyPem());
                Restrict(signingFile);
            }

            signingPem = File.ReadAllText(signingFile);
        }

        rsa.ImportFromPem(signingPem);
        var encryptionText = configuration["GovHall:Tokens:EncryptionKey"];
        var encryptionFile = Path.Combine(folder, "token-encryption.key");
        if (string.IsNullOrWhiteSpace(encryptionText))
        {
            if (!File.Exists(encryptionFile))
            {
                File.WriteAllText(encryptionFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
                Restrict(encryptionFile);
            }

            encryptionText = File.ReadAllText(encryptionFile).Trim();
        }

        return (new RsaSecurityKey(rsa) { KeyId = "govhall-signing" }, new SymmetricSecurityKey(Convert.FromBase64String(encryptionText)));
    }

    private static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
