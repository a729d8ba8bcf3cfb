using GovHall.Core.Cases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account.Me;

// One of my cases: where it stands, what happened (the same timeline as the one-code query),
// the files received and the receipt.
public sealed class CaseModel(MyCases cases) : PageModel
{
    public MyCase Mine { get; private set; } = null!;
    public string Code { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var accountId = Guid.Parse(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value);
        var found = await cases.FindAsync(accountId, code, cancellationToken);
        if (!found.Succeeded)
        {
            return NotFound();
        }

        Mine = found.Value!;
        Code = TrackingCode.TryParse(Mine.Case.TrackingCode, out var parsed) ? parsed.ToString() : Mine.Case.TrackingCode;
        return Page();
    }
}
