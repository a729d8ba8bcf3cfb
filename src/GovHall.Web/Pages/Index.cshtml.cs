using GovHall.Core.Catalog;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages;

public sealed class IndexModel(PublicCatalog catalog) : PageModel
{
    public IReadOnlyList<(string Topic, int Count)> Topics { get; private set; } = [];
    public IReadOnlyList<(string Department, int Count)> Departments { get; private set; } = [];
    public IReadOnlyList<ItemSummary> MostUsed { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Topics = await catalog.TopicsAsync(cancellationToken);
        Departments = await catalog.DepartmentsAsync(cancellationToken);
        MostUsed = await catalog.MostUsedAsync(8, cancellationToken);
    }
}
