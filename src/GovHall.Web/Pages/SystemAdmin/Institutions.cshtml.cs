using GovHall.Core;
using GovHall.Core.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.SystemAdmin;

// The bureau's list of institutions, imported by a system administrator until the institution
// registry exists; registrations that match it are verified at once.
public sealed class InstitutionsModel(OrganizationVerification verification) : PageModel
{
    [BindProperty, System.ComponentModel.DataAnnotations.StringLength(2_000_000)]
    public string? Lines { get; set; }

    public int Known { get; private set; }
    public IReadOnlyList<Error> Problems { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Known = await verification.KnownCountAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var imported = await verification.ImportAsync(ModelState.IsValid ? Lines : null, User.Identity!.Name!, cancellationToken);
        if (!imported.Succeeded)
        {
            Problems = imported.Errors;
            Known = await verification.KnownCountAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Message = $"已导入 {imported.Value} 家单位。";
        return Redirect("/system/institutions");
    }
}
