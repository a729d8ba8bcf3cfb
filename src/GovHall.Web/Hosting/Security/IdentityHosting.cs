using GovHall.Core;
using GovHall.Core.Accounts;
using GovHall.Web.Hosting.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GovHall.Web.Hosting.Security;

// Identity on the hall's own database: accounts, cookie sessions kept in the database, the
// periodic security-stamp re-check, shared data-protection keys and the authorization policies.
public static class IdentityHosting
{
    public static IServiceCollection AddHallIdentity(this IServiceCollection services)
    {
        services.AddIdentity<Account, IdentityRole<Guid>>(identity =>
            {
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.User.RequireUniqueEmail = false;
                identity.Password.RequiredLength = 8;
            })
            .AddEntityFrameworkStores<HallDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<HallClaims>();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/signin";
            cookie.LogoutPath = "/account/signout";
            cookie.AccessDeniedPath = "/account/denied";
            cookie.Cookie.Name = "govhall.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);

            // A request that still carries the sign-in cookie but no longer a session (idle too
            // long, signed out elsewhere, ended by a password change) is told so on the sign-in
            // page; a form sent with it was not saved, and the page says that too.
            cookie.Events.OnRedirectToLogin = context =>
            {
                var uri = context.Request.Cookies.ContainsKey(context.Options.Cookie.Name!)
                    ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
                        context.RedirectUri, "ended", HttpMethods.IsPost(context.Request.Method) ? "form" : "session")
                    : context.RedirectUri;
                context.Response.Redirect(uri);
                return Task.CompletedTask;
            };
        });
        services.AddSingleton<ITicketStore, DatabaseTicketStore>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, UseDatabaseSessions>();
        services.Configure<SecurityStampValidatorOptions>(stamp =>
        {
            stamp.ValidationInterval = TimeSpan.FromMinutes(1);

            // The periodic re-check rebuilds the principal from the database and would drop how the
            // person signed in; the second factor must survive it, or staff lose access after a minute.
            stamp.OnRefreshingPrincipal = refreshing =>
            {
                var identity = refreshing.NewPrincipal?.Identities.FirstOrDefault();
                foreach (var claim in refreshing.CurrentPrincipal?.FindAll("amr") ?? [])
                {
                    if (identity is not null && !identity.HasClaim("amr", claim.Value))
                    {
                        identity.AddClaim(new System.Security.Claims.Claim("amr", claim.Value));
                    }
                }

                return Task.CompletedTask;
            };
        });
        services.AddDataProtection().SetApplicationName("GovHall").PersistKeysToDbContext<HallDbContext>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Catalog, policy => policy.RequireRole(Roles.CatalogAdministrator).RequireClaim("amr", "mfa"))
            .AddPolicy(Policies.System, policy => policy.RequireRole(Roles.SystemAdministrator).RequireClaim("amr", "mfa"))
            .AddPolicy(Policies.Person, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(Policies.Handling, policy => policy
                .RequireRole(Roles.WindowClerk, Roles.Reviewer, Roles.Approver, Roles.Supervisor).RequireClaim("amr", "mfa"))
            .AddPolicy(Policies.Revoke, policy => policy.RequireRole(Roles.Approver, Roles.SystemAdministrator).RequireClaim("amr", "mfa"))
            .AddPolicy(Policies.PartnerSubmit, policy => Partner(policy, PartnerScopes.SubmitCases))
            .AddPolicy(Policies.PartnerReceipt, policy => Partner(policy, PartnerScopes.ReadCases, PartnerScopes.SubmitCases));
        return services;
    }

    // Partner systems call with a bearer token from /connect/token that carries one of the scopes.
    private static void Partner(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy, params string[] scopes) =>
        policy.AddAuthenticationSchemes(OpenIddict.Validation.AspNetCore.OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => scopes.Any(scope => OpenIddict.Abstractions.OpenIddictExtensions.HasScope(context.User, scope)));
}
