using GovHall.Core;
using GovHall.Core.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Web.Pages.Admin.Items;

public sealed class PreviewModel(HallDbContext db) : PageModel
{
    public string Code { get; private set; } = "";
    public ItemContent Draft { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var item = await db.ServiceItems.AsNoTracking().SingleOrDefaultAsync(i => i.Code == code, cancellationToken);
        if (item?.Draft() is not { } draft)
        {
            return NotFound();
        }

        (Code, Draft) = (code, draft);
        return Page();
    }
}
