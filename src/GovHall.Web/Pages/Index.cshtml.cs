using GovHall.Core;
using GovHall.Core.Catalog;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages;

public sealed class IndexModel(HallDbContext db) : PageModel
{
    public IReadOnlyList<(string Topic, int Count)> Topics { get; private set; } = [];
    public IReadOnlyList<(string Department, int Count)> Departments { get; private set; } = [];
    public IReadOnlyList<ItemSummary> MostUsed { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Topics = await ItemQueries.TopicsAsync(db, cancellationToken);
        Departments = await ItemQueries.DepartmentsAsync(db, cancellationToken);
        MostUsed = await ItemQueries.MostUsedAsync(db, 8, cancellationToken);
    }
}
