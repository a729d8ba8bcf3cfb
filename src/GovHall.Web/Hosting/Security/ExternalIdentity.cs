using Microsoft.AspNetCore.Authentication;

namespace GovHall.Web.Hosting.Security;

// The district's unified identity (一网通办统一身份认证) joined by OpenID Connect, switched on
// by configuration:
//   GovHall:ExternalIdentity:Authority, :ClientId, :ClientSecret   the provider and this client
//   GovHall:ExternalIdentity:DisplayName   the button text (default 一网通办统一身份认证)
//   GovHall:ExternalIdentity:IdNumberClaim / :IdNumberVerifiedClaim   (default id_number, id_number_verified)
//   GovHall:ExternalIdentity:RequireHttps   (default true; false only for a provider on loopback)
public sealed class ExternalIdentityOptions
{
    public const string Section = "GovHall:ExternalIdentity";
    public const string Scheme = "external";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string DisplayName { get; set; } = "一网通办统一身份认证";
    public string IdNumberClaim { get; set; } = "id_number";
    public string IdNumberVerifiedClaim { get; set; } = "id_number_verified";
    public bool RequireHttps { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

public static class ExternalIdentity
{
    public static IServiceCollection AddExternalIdentity(this IServiceCollection services, IConfiguration configuration, List<string> failures)
    {
        var options = configuration.GetSection(ExternalIdentityOptions.Section).Get<ExternalIdentityOptions>() ?? new ExternalIdentityOptions();
        services.AddSingleton(options);
        if (!options.Enabled)
        {
            return services;
        }

        OpenIdClients.Check(ExternalIdentityOptions.Section, options.Authority, options.ClientId, options.ClientSecret, options.RequireHttps, failures);
        services.AddAuthentication().AddOpenIdConnect(ExternalIdentityOptions.Scheme, options.DisplayName, oidc =>
        {
            OpenIdClients.Configure(oidc, options.Authority!, options.ClientId!, options.ClientSecret!, options.RequireHttps, "/signin-external",
                ["profile", "phone"], [options.IdNumberClaim, options.IdNumberVerifiedClaim, "phone_number", "phone_number_verified"]);

            // A cancelled or failed sign-in at the provider ends on a plain page, not an error.
            oidc.Events.OnRemoteFailure = failure =>
            {
                failure.HandleResponse();
                failure.Response.Redirect("/account/external?handler=Failed");
                return Task.CompletedTask;
            };
        });
        return services;
    }
}
