using GovHall.Core.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Items;

public sealed class VersionModel(PublicCatalog catalog) : PageModel
{
    public PublishedItem Published { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, int version, CancellationToken cancellationToken)
    {
        var found = await catalog.VersionAsync(code, version, cancellationToken);
        if (!found.Succeeded)
        {
            return NotFound();
        }

        Published = found.Value!;
        return Page();
    }
}
