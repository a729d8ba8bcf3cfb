using GovHall.Core.Cases;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;

namespace GovHall.Web.Pages.Account.Me;

// 我的办件: drafts to resume, and cases with their stage and receipts.
public sealed class CasesModel(MyCases cases) : PageModel
{
    public IReadOnlyList<MyDraftSummary> Drafts { get; private set; } = [];
    public IReadOnlyList<MyCaseSummary> Cases { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var accountId = User.AccountId();
        Drafts = await cases.DraftsAsync(accountId, cancellationToken);
        Cases = await cases.CasesAsync(accountId, cancellationToken);
        return Page();
    }
}
