using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Catalog;

// Taking an item offline (下线) or back online, and discarding a draft: each with who, when
// and why, so the item's history stays whole.
public sealed class ChangeItemState(HallDbContext db, TimeProvider clock, CatalogIndex index)
{
    public Task<Result<ServiceItem>> TakeOfflineAsync(string code, string reason, string actor, CancellationToken cancellationToken) =>
        RunAsync(code, new PublicationNote(reason, ""), actor, CatalogAction.TakenOffline, cancellationToken);

    public Task<Result<ServiceItem>> BringOnlineAsync(string code, string reason, string actor, CancellationToken cancellationToken) =>
        RunAsync(code, new PublicationNote(reason, ""), actor, CatalogAction.BroughtOnline, cancellationToken);

    public Task<Result<ServiceItem>> DiscardDraftAsync(string code, string actor, CancellationToken cancellationToken) =>
        RunAsync(code, new PublicationNote("放弃草稿", ""), actor, CatalogAction.DraftDiscarded, cancellationToken);

    private async Task<Result<ServiceItem>> RunAsync(string code, PublicationNote note, string actor, CatalogAction action, CancellationToken cancellationToken)
    {
        var noteErrors = PublishItem.CheckNote(note, requireBasis: false);
        if (noteErrors.Count > 0)
        {
            return Result<ServiceItem>.Fail(noteErrors);
        }

        var item = await db.ServiceItems.SingleOrDefaultAsync(i => i.Code == code, cancellationToken);
        if (item is null)
        {
            return CatalogErrors.UnknownItem;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        switch (action)
        {
            case CatalogAction.TakenOffline when item.State != ItemState.Published:
                return CatalogErrors.NotPublished;
            case CatalogAction.TakenOffline:
                item.TakeOffline(now);
                break;
            case CatalogAction.BroughtOnline when item.State != ItemState.Offline:
                return CatalogErrors.NotOffline;
            case CatalogAction.BroughtOnline:
                item.BringOnline(now);
                break;
            case CatalogAction.DraftDiscarded when !item.HasDraft || item.State == ItemState.Draft:
                return CatalogErrors.NoDraft;
            case CatalogAction.DraftDiscarded:
                item.DiscardDraft();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "Not a state change.");
        }

        db.CatalogChanges.Add(new CatalogChange
        {
            ItemId = item.Id, Action = action, Version = item.CurrentVersion, Actor = actor, At = now, Reason = note.Reason.Trim(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CatalogErrors.ChangedMeanwhile;
        }

        index.MarkStale();
        return item;
    }
}
