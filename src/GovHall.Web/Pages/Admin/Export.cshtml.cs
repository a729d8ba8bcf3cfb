using System.Text.Json;
using GovHall.Core.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Admin;

public sealed class ExportModel(ExportCatalog export, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var file = await export.RunAsync(cancellationToken);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(file, CatalogJson.Indented);
        return File(bytes, "application/json", $"govhall-catalog-{clock.GetUtcNow():yyyyMMdd}.json");
    }
}
