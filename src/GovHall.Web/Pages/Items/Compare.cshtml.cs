using GovHall.Core.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Items;

public sealed class CompareModel(PublicCatalog catalog) : PageModel
{
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int From { get; private set; }
    public int To { get; private set; }
    public IReadOnlyList<DiffLine> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, int from, int to, CancellationToken cancellationToken)
    {
        var older = await catalog.VersionAsync(code, from, cancellationToken);
        var newer = await catalog.VersionAsync(code, to, cancellationToken);
        if (!older.Succeeded || !newer.Succeeded)
        {
            return NotFound();
        }

        (Code, Name, From, To) = (code, newer.Value!.Content.Name, from, to);
        Lines = VersionDiff.Compare(older.Value!.Content, newer.Value!.Content);
        return Page();
    }
}
