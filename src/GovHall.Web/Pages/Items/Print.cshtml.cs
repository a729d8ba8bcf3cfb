using GovHall.Core.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Items;

public sealed class PrintModel(PublicCatalog catalog) : PageModel
{
    public PublishedItem Published { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var found = await catalog.CurrentAsync(code, cancellationToken);
        if (!found.Succeeded)
        {
            return NotFound();
        }

        Published = found.Value!;
        return Page();
    }
}
