using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace GovHall.Web.Hosting.Security;

public static class PartnerTokenEndpoint
{
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
}
