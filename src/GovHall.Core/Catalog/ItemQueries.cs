using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Catalog;

public sealed record PublishedItem(ServiceItem Item, ServiceItemVersion Version)
{
    private ItemContent? content;

    internal PublishedItem(ServiceItem item, ServiceItemVersion version, ItemContent shared)
        : this(item, version) => content = shared;

    // From CurrentAsync this is the one instance of the version's content that every request
    // shares (see SharedContents): read it, never change it.
    public ItemContent Content => content ??= Version.Content();
}

public sealed record ItemSummary(string Code, string Name, ItemKind Kind, string Department, OnlineDepth OnlineDepth, int VisitsRequired);

public sealed record VersionSummary(int Version, DateTime PublishedAt, string PublishedBy, string Reason, string Basis);

// Reads of the public catalog. Only published content is visible here; drafts never leak.
public static class ItemQueries
{
    public static IQueryable<ServiceItemVersion> CurrentVersionsOf(HallDbContext db, IReadOnlyCollection<Guid> itemIds) =>
        from item in db.ServiceItems
        where itemIds.Contains(item.Id)
        join version in db.ServiceItemVersions on new { ItemId = item.Id, item.CurrentVersion } equals new { version.ItemId, CurrentVersion = version.Version }
        select version;

    public static async Task<IReadOnlyList<PublishedItem>> CurrentContentsAsync(HallDbContext db, CancellationToken cancellationToken)
    {
        var rows = await (
            from item in db.ServiceItems.AsNoTracking()
            where item.State == ItemState.Published
            join version in db.ServiceItemVersions.AsNoTracking() on new { ItemId = item.Id, item.CurrentVersion } equals new { version.ItemId, CurrentVersion = version.Version }
            orderby item.Code
            select new { item, version }).ToListAsync(cancellationToken);
        return rows.Select(r => new PublishedItem(r.item, r.version)).ToList();
    }

    // The current version of an item the public may see; offline items answer Gone.
    public static async Task<Result<PublishedItem>> CurrentAsync(HallDbContext db, string code, CancellationToken cancellationToken)
    {
        if (!ItemCode.IsWellFormed(code))
        {
            return CatalogErrors.UnknownItem;
        }

        var row = await CurrentByCode.For(db)(db, code, cancellationToken);
        if (row is null)
        {
            return CatalogErrors.UnknownItem;
        }

        return row.Item.State == ItemState.Offline ? CatalogErrors.Offline : new PublishedItem(row.Item, row.Version, SharedContents.Of(row.Version));
    }

    private sealed record ItemAndVersion(ServiceItem Item, ServiceItemVersion Version);

    // Every guide, form and submission reads this, so it is compiled (see PerModel).
    private static readonly PerModel<Func<HallDbContext, string, CancellationToken, Task<ItemAndVersion?>>> CurrentByCode = new(() => EF.CompileAsyncQuery(
        (HallDbContext db, string code, CancellationToken cancellationToken) => (
            from item in db.ServiceItems.AsNoTracking()
            where item.Code == code && item.State != ItemState.Draft
            join version in db.ServiceItemVersions.AsNoTracking() on new { ItemId = item.Id, item.CurrentVersion } equals new { version.ItemId, CurrentVersion = version.Version }
            select new ItemAndVersion(item, version)).SingleOrDefault()));

    // A published version never changes, so its content is read from JSON once per process and
    // shared by the readers of the current version (every application and submission reads it).
    // Keyed by the version row's id; bounded by clearing, since items are few.
    private static class SharedContents
    {
        private const int Limit = 2000;
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, ItemContent> ByVersion = new();

        public static ItemContent Of(ServiceItemVersion version)
        {
            if (ByVersion.TryGetValue(version.Id, out var known))
            {
                return known;
            }

            if (ByVersion.Count >= Limit)
            {
                ByVersion.Clear();
            }

            return ByVersion.GetOrAdd(version.Id, _ => version.Content());
        }
    }

    public static async Task<Result<PublishedItem>> VersionAsync(HallDbContext db, string code, int version, CancellationToken cancellationToken)
    {
        if (!ItemCode.IsWellFormed(code))
        {
            return CatalogErrors.UnknownItem;
        }

        var row = await (
            from item in db.ServiceItems.AsNoTracking()
            where item.Code == code
            join v in db.ServiceItemVersions.AsNoTracking() on item.Id equals v.ItemId
            where v.Version == version
            select new { item, v }).SingleOrDefaultAsync(cancellationToken);
        return row is null
            ? Error.NotFound("item.version_not_found", "没有找到该事项的这个版本。")
            : new PublishedItem(row.item, row.v);
    }

    // What an editor starts from: the item's draft, or else its own copy of the current version
    // (never the shared content of CurrentAsync, since editors change it).
    public static async Task<ItemContent?> EditableAsync(HallDbContext db, ServiceItem item, CancellationToken cancellationToken) =>
        item.Draft() ?? (await VersionAsync(db, item.Code, item.CurrentVersion, cancellationToken)).Value?.Content;

    // The content of one published version, as a case snapshots it (item id and version).
    public static async Task<ItemContent> ContentOfAsync(HallDbContext db, Guid itemId, int version, CancellationToken cancellationToken) =>
        (await db.ServiceItemVersions.AsNoTracking().SingleAsync(v => v.ItemId == itemId && v.Version == version, cancellationToken)).Content();

    public static async Task<IReadOnlyList<VersionSummary>?> VersionsAsync(HallDbContext db, string code, CancellationToken cancellationToken)
    {
        if (!ItemCode.IsWellFormed(code))
        {
            return null;
        }

        var item = await db.ServiceItems.AsNoTracking().Where(i => i.Code == code && i.State != ItemState.Draft)
            .Select(i => new { i.Id }).SingleOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return null;
        }

        return await db.ServiceItemVersions.AsNoTracking()
            .Where(v => v.ItemId == item.Id)
            .OrderByDescending(v => v.Version)
            .Select(v => new VersionSummary(v.Version, v.PublishedAt, v.PublishedBy, v.Reason, v.Basis))
            .ToListAsync(cancellationToken);
    }

    public static Task<List<CatalogChange>> ChangesAsync(HallDbContext db, Guid itemId, CancellationToken cancellationToken) =>
        db.CatalogChanges.AsNoTracking().Where(c => c.ItemId == itemId).OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .ToListAsync(cancellationToken);

    public static Task<List<ItemSummary>> MostUsedAsync(HallDbContext db, int count, CancellationToken cancellationToken) =>
        db.ServiceItems.AsNoTracking()
            .Where(i => i.State == ItemState.Published)
            .OrderByDescending(i => i.ViewCount).ThenBy(i => i.Code)
            .Take(count)
            .Select(i => new ItemSummary(i.Code, i.Name, i.Kind, i.Department, i.OnlineDepth, i.VisitsRequired))
            .ToListAsync(cancellationToken);

    public static async Task<IReadOnlyList<(string Department, int Count)>> DepartmentsAsync(HallDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.ServiceItems.AsNoTracking().Where(i => i.State == ItemState.Published)
            .GroupBy(i => i.Department).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Count)).ToList();
    }

    public static async Task<IReadOnlyList<(string Topic, int Count)>> TopicsAsync(HallDbContext db, CancellationToken cancellationToken)
    {
        var joined = await db.ServiceItems.AsNoTracking().Where(i => i.State == ItemState.Published).Select(i => i.Topics).ToListAsync(cancellationToken);
        return joined.SelectMany(t => t.Split('|', StringSplitOptions.RemoveEmptyEntries))
            .GroupBy(t => t).Select(g => (g.Key, g.Count()))
            .OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
    }
}
