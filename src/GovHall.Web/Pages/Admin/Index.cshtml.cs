using GovHall.Core.Catalog;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Admin;

public sealed class IndexModel(EditableItems items) : PageModel
{
    public IReadOnlyList<ServiceItem> Items { get; private set; } = [];

    public static string StateText(ItemState state) => state switch
    {
        ItemState.Draft => "未发布",
        ItemState.Published => "在线",
        ItemState.Offline => "已下线",
    };

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Items = await items.ListAsync(cancellationToken);
}
