using System.Security.Claims;
using GovHall.Core.Accounts;

namespace GovHall.Web.Hosting.Security;

// Where staff land after signing in and where the header's 工作台 leads: the case workbench for
// those who handle or supervise cases, else the first administration area their roles open.
// Staff never see 我的办件: they do not apply in the hall under their staff account.
public static class StaffHome
{
    public static bool IsStaff(ClaimsPrincipal user) =>
        user.HasClaim(HallClaims.Kind, nameof(AccountKind.Staff)) || Roles.All.Any(user.IsInRole);

    public static string For(ClaimsPrincipal user) => For(user.IsInRole);

    public static string For(IList<string> roles) => For(roles.Contains);

    private static string For(Func<string, bool> hasRole) =>
        new[] { Roles.WindowClerk, Roles.Reviewer, Roles.Approver, Roles.Supervisor }.Any(hasRole) ? "/staff"
        : hasRole(Roles.CatalogAdministrator) ? "/admin"
        : hasRole(Roles.SystemAdministrator) ? "/system"
        : "/account/me";
}
