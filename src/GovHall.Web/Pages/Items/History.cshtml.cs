using GovHall.Core;
using GovHall.Core.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Web.Pages.Items;

public sealed class HistoryModel(HallDbContext db) : PageModel
{
    public sealed record Entry(ServiceItemVersion Version, IReadOnlyList<DiffLine>? Changes);

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public IReadOnlyList<Entry> Entries { get; private set; } = [];
    public IReadOnlyList<CatalogChange> StateChanges { get; private set; } = [];
    public CatalogChange? Offline { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (!ItemCode.IsWellFormed(code))
        {
            return NotFound();
        }

        var item = await db.ServiceItems.AsNoTracking().SingleOrDefaultAsync(i => i.Code == code && i.State != ItemState.Draft, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        Code = item.Code;
        Name = item.Name;
        var versions = await db.ServiceItemVersions.AsNoTracking().Where(v => v.ItemId == item.Id).OrderBy(v => v.Version).ToListAsync(cancellationToken);
        var entries = new List<Entry>();
        ItemContent? previous = null;
        foreach (var version in versions)
        {
            var content = version.Content();
            var changes = previous is null ? null : VersionDiff.Compare(previous, content).Where(l => l.Kind != DiffLineKind.Unchanged).ToList();
            entries.Add(new Entry(version, changes));
            previous = content;
        }

        entries.Reverse();
        Entries = entries;
        StateChanges = (await ItemQueries.ChangesAsync(db, item.Id, cancellationToken))
            .Where(c => c.Action is CatalogAction.TakenOffline or CatalogAction.BroughtOnline).ToList();
        Offline = item.State == ItemState.Offline ? StateChanges.FirstOrDefault(c => c.Action == CatalogAction.TakenOffline) : null;
        return Page();
    }
}
