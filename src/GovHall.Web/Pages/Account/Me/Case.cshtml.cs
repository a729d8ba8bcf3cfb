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
        var found = await cases.FindAsync(User.AccountId(), code, cancellationToken);
        if (!found.Succeeded)
        {
            return NotFound();
        }

        Mine = found.Value!;
        Code = TrackingCode.Display(Mine.Case.TrackingCode);
        return Page();
    }
}
