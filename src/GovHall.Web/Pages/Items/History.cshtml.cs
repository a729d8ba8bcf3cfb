using GovHall.Core.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Items;

public sealed class HistoryModel(PublicCatalog catalog) : PageModel
{
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public IReadOnlyList<ItemHistoryEntry> Entries { get; private set; } = [];
    public IReadOnlyList<CatalogChange> StateChanges { get; private set; } = [];
    public CatalogChange? Offline { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var history = await catalog.HistoryAsync(code, cancellationToken);
        if (history is null)
        {
            return NotFound();
        }

        (Code, Name) = (history.Item.Code, history.Item.Name);
        (Entries, StateChanges, Offline) = (history.Entries, history.StateChanges, history.Offline);
        return Page();
    }
}
