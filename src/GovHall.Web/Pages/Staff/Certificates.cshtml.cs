using GovHall.Core;
using GovHall.Core.Accounts;
using GovHall.Core.Audit;
using GovHall.Core.Certificates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Staff;

// Finding an issued certificate by number and revoking it (approvers only): a reason is
// required, the revocation is audited, and verification answers "revoked" from then on.
[Authorize(Policy = Policies.Revoke)]
public sealed class CertificatesModel(CertificateService certificates, AuditLog audit, Departments departments, GovHall.Core.Cases.CasesSettings settings) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "no")]
    public string? Number { get; set; }

    public CertificateCheck? Check { get; private set; }
    public Error? Problem { get; private set; }
    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Done = TempData["done"] as string;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string? reason, CancellationToken cancellationToken)
    {
        var actor = await User.StaffAsync(departments, cancellationToken);
        var revoked = await certificates.RevokeAsync(Number, reason, actor, settings.ApprovalOffice, cancellationToken);
        await audit.WriteAsync(User.Identity!.Name!, "certificate.revoke", revoked.Succeeded ? revoked.Value!.Number : Number,
            revoked.Succeeded ? reason?.Trim() : revoked.Errors[0].Code, HttpContext.ClientAddressText(), revoked.Succeeded, cancellationToken);
        if (revoked.Succeeded)
        {
            TempData["done"] = "电子证照已撤销。";
            return RedirectToPage(new { no = revoked.Value!.Number });
        }

        Problem = revoked.Errors[0];
        Response.StatusCode = Problems.StatusOf(Problem.Kind);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(Number))
        {
            var found = await certificates.CheckNumberAsync(Number, cancellationToken);
            Check = found.Succeeded ? found.Value : null;
            Problem ??= found.Succeeded ? null : found.Errors[0];
        }
    }
}
