using GovHall.Core;

namespace GovHall.Web.Hosting.Security;

// Partner systems (the district hall, the bureau's office platform) get access tokens at
// POST /connect/token with OAuth 2.0 client credentials (OpenIddict on the hall's database).
// Each client has its own secret and scopes (PartnerClients registers them); the keys that
// sign and encrypt the tokens come from PartnerTokenKeys. The hall validates its own tokens.
public static class PartnerTokenServer
{
    public static IServiceCollection AddPartnerTokens(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, string dataDirectory)
    {
        var (signing, encryption) = PartnerTokenKeys.Read(configuration, dataDirectory);
        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<HallDbContext>().ReplaceDefaultEntities<Guid>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris("connect/token");
                server.AllowClientCredentialsFlow();
                server.RegisterScopes(PartnerScopes.All);
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
}
