using GovHall.Web.Hosting.Startup;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace GovHall.Web.Hosting.Http;

// What the OpenAPI description (GET /openapi/v1.json) says beyond what the endpoints declare:
// how a partner gets a token (OAuth 2.0 client credentials at /connect/token, with the
// hall's scopes), and which operations need which scope, so that a client generated from
// the description sends its token.
public static class OpenApiDescription
{
    public const string PartnerScheme = "partner";

    // Operations by endpoint name, with the scopes any one of which lets a partner call them.
    private static readonly Dictionary<string, string[]> ScopesOf = new(StringComparer.Ordinal)
    {
        ["SubmitCase"] = [PartnerScopes.SubmitCases],
        ["CaseReceipt"] = [PartnerScopes.SubmitCases, PartnerScopes.ReadCases],
    };

    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, context, _) =>
        {
            // The address clients call is the configured public one, never the request's Host
            // header; without GovHall:PublicUrl, none (a client resolves paths against where it
            // read this description).
            var publicUrl = context.ApplicationServices.GetRequiredService<IOptions<HallOptions>>().Value.PublicUrl;
            document.Servers = publicUrl is { Length: > 0 } ? [new OpenApiServer { Url = publicUrl.TrimEnd('/') }] : [];

            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[PartnerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "Partner systems (the district hall) authenticate with OAuth 2.0 client credentials; see docs/partner-api.md.",
                Flows = new OpenApiOAuthFlows
                {
                    ClientCredentials = new OpenApiOAuthFlow
                    {
                        TokenUrl = new Uri("/connect/token", UriKind.Relative),
                        Scopes = new Dictionary<string, string>
                        {
                            [PartnerScopes.SubmitCases] = "Submit cases for applicants the partner has identified, and read their receipts.",
                            [PartnerScopes.ReadCases] = "Read the receipts of cases the partner submitted.",
                        },
                    },
                },
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var name = context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
            if (name is not null && ScopesOf.TryGetValue(name, out var scopes))
            {
                operation.Security ??= [];
                foreach (var scope in scopes)
                {
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(PartnerScheme, context.Document)] = [scope],
                    });
                }
            }

            return Task.CompletedTask;
        });
    }
}
