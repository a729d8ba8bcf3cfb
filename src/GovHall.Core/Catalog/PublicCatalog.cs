using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Catalog;

public sealed record ItemHistoryEntry(ServiceItemVersion Version, IReadOnlyList<DiffLine>? Changes);

// Every published version, newest first, each with what changed from the one before, and the
// times the item went offline and online again.
public sealed record ItemHistory(ServiceItem Item, IReadOnlyList<ItemHistoryEntry> Entries, IReadOnlyList<CatalogChange> StateChanges, CatalogChange? Offline);

// The public catalog's reads for the pages (ItemQueries, for those that hold no context).
// Only published content is visible here; drafts never leak.
public sealed class PublicCatalog(HallDbContext db)
{
    public Task<Result<PublishedItem>> CurrentAsync(string code, CancellationToken cancellationToken) =>
        ItemQueries.CurrentAsync(db, code, cancellationToken);

    public Task<Result<PublishedItem>> VersionAsync(string code, int version, CancellationToken cancellationToken) =>
        ItemQueries.VersionAsync(db, code, version, cancellationToken);

    public Task<IReadOnlyList<VersionSummary>?> VersionsAsync(string code, CancellationToken cancellationToken) =>
        ItemQueries.VersionsAsync(db, code, cancellationToken);

    public Task<IReadOnlyList<(string Topic, int Count)>> TopicsAsync(CancellationToken cancellationToken) =>
        ItemQueries.TopicsAsync(db, cancellationToken);

    public Task<IReadOnlyList<(string Department, int Count)>> DepartmentsAsync(CancellationToken cancellationToken) =>
        ItemQueries.DepartmentsAsync(db, cancellationToken);

    public Task<List<ItemSummary>> MostUsedAsync(int count, CancellationToken cancellationToken) =>
        ItemQueries.MostUsedAsync(db, count, cancellationToken);

    public async Task<ItemHistory?> HistoryAsync(string code, CancellationToken cancellationToken)
    {
        if (!ItemCode.IsWellFormed(code))
        {
            return null;
        }

        var item = await db.ServiceItems.AsNoTracking().SingleOrDefaultAsync(i => i.Code == code && i.State != ItemState.Draft, cancellationToken);
        if (item is null)
        {
            return null;
        }

        var versions = await db.ServiceItemVersions.AsNoTracking().Where(v => v.ItemId == item.Id).OrderBy(v => v.Version).ToListAsync(cancellationToken);
        var entries = new List<ItemHistoryEntry>();
        ItemContent? previous = null;
        foreach (var version in versions)
        {
            var content = version.Content();
            var changes = previous is null ? null : VersionDiff.Compare(previous, content).Where(l => l.Kind != DiffLineKind.Unchanged).ToList();
            entries.Add(new ItemHistoryEntry(version, changes));
            previous = content;
        }

        entries.Reverse();
        var stateChanges = (await ItemQueries.ChangesAsync(db, item.Id, cancellationToken))
            .Where(c => c.Action is CatalogAction.TakenOffline or CatalogAction.BroughtOnline).ToList();
        var offline = item.State == ItemState.Offline ? stateChanges.FirstOrDefault(c => c.Action == CatalogAction.TakenOffline) : null;
        return new ItemHistory(item, entries, stateChanges, offline);
    }
}
