using System.Security.Claims;
using GovHall.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GovHall.Web.Hosting.Security;

// Adds the account's display name to the sign-in, so pages greet people by name and not by
// their internal user name.
public sealed class HallClaims(UserManager<Account> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Account, IdentityRole<Guid>>(users, roles, options)
{
    public const string DisplayName = "govhall:display_name";

    // Person or Staff (AccountKind): the header and the landing page differ (StaffHome).
    public const string Kind = "govhall:kind";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(Kind, user.Kind.ToString()));
        return identity;
    }
}
