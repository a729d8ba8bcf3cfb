using System.Security.Claims;
using GovHall.Core.Accounts;
using GovHall.Core.Cases;

namespace GovHall.Web.Pages.Staff;

// CaseActors.StaffAsync for pages that hold no context: roles from the sign-in, department
// from the account, read now (the Accounts query), so a move takes effect at once.
internal static class StaffActor
{
    public static async Task<CaseActor> StaffAsync(this ClaimsPrincipal user, Departments departments, CancellationToken cancellationToken)
    {
        var id = user.AccountId();
        var department = await departments.NameOfAsync(id, cancellationToken);
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value);
        return CaseActor.Staff(user.DisplayName(), id, roles, department);
    }
}
