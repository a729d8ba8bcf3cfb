using GovHall.Core;
using GovHall.Core.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Items;

public sealed class GuideModel(PublicCatalog catalog, ViewCounter views) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    public PublishedItem? Published { get; private set; }
    public string? OfflineMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var found = await catalog.CurrentAsync(Code, cancellationToken);
        if (!found.Succeeded)
        {
            if (found.Errors[0].Kind != ErrorKind.Gone)
            {
                return NotFound();
            }

            OfflineMessage = found.Errors[0].Message;
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }

        Published = found.Value;
        views.Count(Code);
        return Page();
    }
}
