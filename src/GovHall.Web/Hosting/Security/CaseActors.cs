using System.Security.Claims;

namespace GovHall.Web.Hosting.Security;

public static class CaseActors
{
    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirst(HallClaims.DisplayName)?.Value is { Length: > 0 } name ? name : user.Identity?.Name ?? "";

    // A member of staff as the case rules see them: roles from the sign-in, department from the
    // account (read now, so a move between departments takes effect at once).
    public static async Task<Core.Cases.CaseActor> StaffAsync(this ClaimsPrincipal user, Core.Accounts.Departments departments, CancellationToken cancellationToken)
    {
        var id = user.AccountId();
        var department = await departments.NameOfAsync(id, cancellationToken);
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value);
        return Core.Cases.CaseActor.Staff(user.DisplayName(), id, roles, department);
    }

    public static Core.Cases.CaseActor Applicant(this ClaimsPrincipal user) => Core.Cases.CaseActor.Applicant(user.DisplayName(), user.AccountId());
}
