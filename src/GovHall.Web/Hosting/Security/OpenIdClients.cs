using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace GovHall.Web.Hosting.Security;

// What the hall's two district providers (the unified identity for persons, the legal persons'
// identity for organisations) share: their settings' checks, and an OpenID Connect client with
// the code flow and PKCE, claims read from the userinfo endpoint as they come, no tokens kept,
// and the sign-in held in Identity's external cookie until the page that asked reads it.
internal static class OpenIdClients
{
    public static void Check(string section, string? authority, string? clientId, string? clientSecret, bool requireHttps, List<string> failures)
    {
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var address) || (requireHttps && address.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{section}:Authority must be an absolute https address of the OpenID Connect provider.");
        }

        if (string.IsNullOrWhiteSpace(clientId) || string.IsNullOrWhiteSpace(clientSecret))
        {
            failures.Add($"{section}:ClientId and :ClientSecret are required when :Authority is set.");
        }
    }

    public static void Configure(
        OpenIdConnectOptions oidc, string authority, string clientId, string clientSecret, bool requireHttps, string callbackPath,
        IEnumerable<string> scopes, IEnumerable<string> claims)
    {
        oidc.SignInScheme = IdentityConstants.ExternalScheme;
        oidc.Authority = authority;
        oidc.ClientId = clientId;
        oidc.ClientSecret = clientSecret;
        oidc.RequireHttpsMetadata = requireHttps;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.UsePkce = true;
        oidc.CallbackPath = callbackPath;
        oidc.MapInboundClaims = false;
        oidc.GetClaimsFromUserInfoEndpoint = true;
        oidc.SaveTokens = false;
        oidc.Scope.Clear();
        oidc.Scope.Add("openid");
        foreach (var scope in scopes)
        {
            oidc.Scope.Add(scope);
        }

        foreach (var claim in claims)
        {
            oidc.ClaimActions.MapUniqueJsonKey(claim, claim);
        }

        if (!requireHttps)
        {
            oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }

        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
    }
}
