using System.Security.Claims;

namespace GovHall.Web.Hosting.Security;

public static class AccountClaims
{
    // The signed-in account's id (Identity's name identifier); only called behind a policy.
    public static Guid AccountId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? throw new InvalidOperationException("No account is signed in."));
}
