using GovHall.Core;
using GovHall.Core.Catalog;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Web.Pages.Admin;

public sealed class IndexModel(HallDbContext db) : PageModel
{
    public IReadOnlyList<ServiceItem> Items { get; private set; } = [];

    public static string StateText(ItemState state) => state switch
    {
        ItemState.Draft => "未发布",
        ItemState.Published => "在线",
        ItemState.Offline => "已下线",
    };

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Items = await db.ServiceItems.AsNoTracking().OrderBy(i => i.Department).ThenBy(i => i.Code).ToListAsync(cancellationToken);
}
