using GovHall.Core;
using GovHall.Core.Accounts;
using GovHall.Core.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Staff;

// The window's queue of organisations waiting for verification: the authorisation letter and
// the licence, and the decision with a reason. Window clerks only (一窗受理 checks who acts).
public sealed class OrganizationsModel(OrganizationVerification verification, AuditLog audit) : PageModel
{
    public IReadOnlyList<GovHall.Core.Accounts.Organization> Queue { get; private set; } = [];
    public OrganizationVerification.Review? Current { get; private set; }
    public IReadOnlyList<Error> Problems { get; private set; } = [];
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.WindowClerk))
        {
            return Forbid();
        }

        Done = TempData["done"] as string;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, string? decision, string? reason, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.WindowClerk))
        {
            return Forbid();
        }

        if (id is not { } organizationId || decision is not ("approve" or "refuse"))
        {
            return BadRequest();
        }

        var decided = await verification.DecideAsync(organizationId, User.DisplayName(), decision == "approve", reason, cancellationToken);
        await audit.WriteAsync(User.Identity!.Name!, "organization." + (decision == "approve" ? "verified" : "refused"), organizationId.ToString(),
            decided.Succeeded ? null : decided.Errors[0].Code, HttpContext.ClientAddressText(), decided.Succeeded, cancellationToken);
        if (!decided.Succeeded)
        {
            Problems = decided.Errors;
            Response.StatusCode = Hosting.Http.Problems.StatusOf(decided.Errors[0].Kind);
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        TempData["done"] = decision == "approve" ? $"“{decided.Value!.Name}”已核验通过，已通知申请人。" : $"“{decided.Value!.Name}”不予通过，已将原因告知申请人。";
        return Redirect("/staff/organizations");
    }

    private async Task<bool> LoadAsync(Guid? id, CancellationToken cancellationToken)
    {
        Queue = await verification.QueueAsync(cancellationToken);
        if (id is { } wanted)
        {
            Current = await verification.FindAsync(wanted, cancellationToken);
            return Current is not null;
        }

        return true;
    }
}
