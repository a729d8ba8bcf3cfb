using GovHall.Core.Cases;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;

namespace GovHall.Web.Pages.Account.Me;

// 我的办件: drafts to resume, and cases with their stage and receipts.
public sealed class CasesModel(MyCases cases) : PageModel
{
    public IReadOnlyList<MyDraftSummary> Drafts { get; private set; } = [];
    public MyCasePage Cases { get; private set; } = null!;

    // ?show=correction|open|ended&page=N; anything else shows all cases from the first page.
    [BindProperty(SupportsGet = true, Name = "show")]
    public string? Show { get; set; }

    public static readonly IReadOnlyList<(MyCasesView View, string Key, string Label)> Views =
    [
        (MyCasesView.All, "all", "全部"), (MyCasesView.Correction, "correction", "待我补正"), (MyCasesView.Open, "open", "办理中"), (MyCasesView.Ended, "ended", "已办结"),
    ];

    public static string LinkTo(MyCasesView view, int page) =>
        $"/account/me/cases?show={Views.Single(v => v.View == view).Key}" + (page > 1 ? $"&page={page}" : "") + "#cases";

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var accountId = User.AccountId();
        Drafts = await cases.DraftsAsync(accountId, cancellationToken);
        var view = Views.FirstOrDefault(v => v.Key == Show).View;
        // Read from the query itself: "page" is also the route value naming the Razor page.
        var page = int.TryParse(Request.Query["page"].ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var asked) ? asked : 1;
        Cases = await cases.CasesAsync(accountId, view, page, cancellationToken);
        return Page();
    }
}
