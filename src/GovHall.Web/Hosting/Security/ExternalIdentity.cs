using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

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

        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || (options.RequireHttps && authority.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{ExternalIdentityOptions.Section}:Authority must be an absolute https address of the OpenID Connect provider.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId) || string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{ExternalIdentityOptions.Section}:ClientId and :ClientSecret are required when :Authority is set.");
        }

        services.AddAuthentication().AddOpenIdConnect(ExternalIdentityOptions.Scheme, options.DisplayName, oidc =>
        {
            oidc.SignInScheme = IdentityConstants.ExternalScheme;
            oidc.Authority = options.Authority;
            oidc.ClientId = options.ClientId;
            oidc.ClientSecret = options.ClientSecret;
            oidc.RequireHttpsMetadata = options.RequireHttps;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.UsePkce = true;
            oidc.CallbackPath = "/signin-external";
            oidc.MapInboundClaims = false;
            oidc.GetClaimsFromUserInfoEndpoint = true;
            oidc.SaveTokens = false;
            oidc.Scope.Clear();
            oidc.Scope.Add("openid");
            oidc.Scope.Add("profile");
            oidc.Scope.Add("phone");
            oidc.ClaimActions.MapUniqueJsonKey(options.IdNumberClaim, options.IdNumberClaim);
            oidc.ClaimActions.MapUniqueJsonKey(options.IdNumberVerifiedClaim, options.IdNumberVerifiedClaim);
            oidc.ClaimActions.MapUniqueJsonKey("phone_number", "phone_number");
            oidc.ClaimActions.MapUniqueJsonKey("phone_number_verified", "phone_number_verified");
            if (!options.RequireHttps)
            {
                oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            }

            // A cancelled or failed sign-in at the provider ends on a plain page, not an error.
            oidc.Events.OnRemoteFailure = failure =>
            {
                failure.HandleResponse();
                failure.Response.Redirect("/account/external?handler=Failed");
                return Task.CompletedTask;
            };
            oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        });
        return services;
    }
}
