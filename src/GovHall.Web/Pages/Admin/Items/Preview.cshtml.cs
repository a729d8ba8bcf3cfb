using GovHall.Core.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Admin.Items;

public sealed class PreviewModel(EditableItems items) : PageModel
{
    public string Code { get; private set; } = "";
    public ItemContent Draft { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (await items.DraftAsync(code, cancellationToken) is not { } draft)
        {
            return NotFound();
        }

        (Code, Draft) = (code, draft);
        return Page();
    }
}
