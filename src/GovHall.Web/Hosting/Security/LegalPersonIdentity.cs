
namespace GovHall.Web.Hosting.Security;

// The district's identity for legal persons (法人一证通 / 电子营业执照) joined by OpenID Connect:
// an organisation's administrator signs in there, and the credit code and legal
// representative it vouches for verify the organisation (OrganizationVerification). Switched
// on by configuration:
//   GovHall:LegalPersonIdentity:Authority, :ClientId, :ClientSecret   the provider and this client
//   GovHall:LegalPersonIdentity:DisplayName   the button text (default 法人一证通)
//   GovHall:LegalPersonIdentity:CreditCodeClaim / :LegalRepresentativeClaim   (default credit_code, legal_representative)
//   GovHall:LegalPersonIdentity:RequireHttps   (default true; false only for a provider on loopback)
public sealed class LegalPersonIdentityOptions
{
    public const string Section = "GovHall:LegalPersonIdentity";
    public const string Scheme = "legal-person";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string DisplayName { get; set; } = "法人一证通";
    public string CreditCodeClaim { get; set; } = "credit_code";
    public string LegalRepresentativeClaim { get; set; } = "legal_representative";
    public bool RequireHttps { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

public static class LegalPersonIdentity
{
    public static IServiceCollection AddLegalPersonIdentity(this IServiceCollection services, IConfiguration configuration, List<string> failures)
    {
        var options = configuration.GetSection(LegalPersonIdentityOptions.Section).Get<LegalPersonIdentityOptions>() ?? new LegalPersonIdentityOptions();
        services.AddSingleton(options);
        if (!options.Enabled)
        {
            return services;
        }

        OpenIdClients.Check(LegalPersonIdentityOptions.Section, options.Authority, options.ClientId, options.ClientSecret, options.RequireHttps, failures);
        services.AddAuthentication().AddOpenIdConnect(LegalPersonIdentityOptions.Scheme, options.DisplayName, oidc =>
        {
            OpenIdClients.Configure(oidc, options.Authority!, options.ClientId!, options.ClientSecret!, options.RequireHttps, "/signin-legal-person",
                ["profile"], [options.CreditCodeClaim, options.LegalRepresentativeClaim]);

            // A cancelled or failed sign-in at the provider ends on the organisation's page, told so.
            oidc.Events.OnRemoteFailure = failure =>
            {
                failure.HandleResponse();
                var back = failure.Properties?.Items.TryGetValue("organization", out var id) == true && Guid.TryParse(id, out var organization)
                    ? $"/account/me/organizations/{organization}?handler=LegalPersonFailed"
                    : "/account/me/organizations";
                failure.Response.Redirect(back);
                return Task.CompletedTask;
            };
        });
        return services;
    }
}
