using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace GovHall.Tests.Infrastructure;

// A person the provider signs in; for the legal persons' identity (法人一证通), with the unit's
// credit code and legal representative it vouches for.
public sealed record ProviderUser(
    string Subject, string Name, string IdNumber, bool IdNumberVerified, string? Phone = null, string? CreditCode = null, string? LegalRepresentative = null);

// A real OpenID Connect provider (OpenIddict) on 127.0.0.1, standing in for the district's
// unified identity: it signs in whoever NextUser names, without a login form.
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "govhall";
    public const string ClientSecret = "govhall-test-secret";

    private readonly WebApplication app;

    private TestIdentityProvider(WebApplication app, string authority)
    {
        this.app = app;
        Authority = authority;
    }

    public string Authority { get; }
    public ProviderUser NextUser { get; set; } = new("nobody", "无名", "", false);

    public static async Task<TestIdentityProvider> StartAsync(params string[] redirectUris)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var database = "provider-" + Guid.NewGuid().ToString("N");
        builder.Services.AddDbContext<ProviderDb>(db => db.UseInMemoryDatabase(database).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<ProviderDb>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token").SetUserInfoEndpointUris("connect/userinfo");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Phone);
                server.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
                server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableUserInfoEndpointPassthrough().DisableTransportSecurityRequirement();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
            });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        TestIdentityProvider? provider = null;
        app.MapMethods("/connect/authorize", ["GET", "POST"], (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest()!;
            var user = provider!.NextUser;
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, user.Subject).SetClaim(Claims.Name, user.Name)
                .SetClaim("id_number", user.IdNumber).SetClaim("id_number_verified", user.IdNumberVerified ? "true" : "false");
            if (user.Phone is not null)
            {
                identity.SetClaim("phone_number", user.Phone).SetClaim("phone_number_verified", "true");
            }

            if (user.CreditCode is not null)
            {
                identity.SetClaim("credit_code", user.CreditCode).SetClaim("legal_representative", user.LegalRepresentative);
            }

            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapMethods("/connect/userinfo", ["GET", "POST"], async (HttpContext context) =>
        {
            var result = await context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
            if (!result.Succeeded)
            {
                return Results.Challenge(authenticationSchemes: [OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme]);
            }

            var claims = result.Principal.Claims.Where(c => c.Type is Claims.Subject or Claims.Name or "id_number" or "id_number_verified" or "phone_number" or "phone_number_verified" or "credit_code" or "legal_representative");
            return Results.Json(claims.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.First().Value));
        });

        await app.StartAsync();
        provider = new TestIdentityProvider(app, app.Urls.First());
        await using var scope = app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code, Permissions.Scopes.Profile, Permissions.Scopes.Phone,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var redirectUri in redirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(redirectUri));
        }

        await manager.CreateAsync(descriptor);
        return provider;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private sealed class ProviderDb(DbContextOptions<ProviderDb> options) : DbContext(options);
}
