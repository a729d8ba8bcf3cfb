using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Catalog;

// Publishing turns the draft into a new immutable version. It needs a reason and its basis
// (发布理由和依据), and the draft must pass every rule.
public sealed class PublishItem(HallDbContext db, TimeProvider clock, CatalogIndex index)
{
    public const int MaxNote = 1000;

    public async Task<Result<ServiceItemVersion>> RunAsync(string code, PublicationNote note, int? expectedRevision, string actor, CancellationToken cancellationToken)
    {
        var noteErrors = CheckNote(note, requireBasis: true);
        if (noteErrors.Count > 0)
        {
            return Result<ServiceItemVersion>.Fail(noteErrors);
        }

        var item = await db.ServiceItems.SingleOrDefaultAsync(i => i.Code == code, cancellationToken);
        if (item is null)
        {
            return CatalogErrors.UnknownItem;
        }

        if (expectedRevision is not null && item.Revision != expectedRevision)
        {
            return CatalogErrors.ChangedMeanwhile;
        }

        var draft = item.Draft();
        if (draft is null)
        {
            return CatalogErrors.NoDraft;
        }

        var problems = ItemValidator.Validate(draft).Concat(await ItemFiles.MissingAsync(db, draft, cancellationToken)).ToList();
        if (problems.Count > 0)
        {
            return Result<ServiceItemVersion>.Fail(problems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var trimmed = new PublicationNote(note.Reason.Trim(), note.Basis.Trim());
        var version = item.Publish(trimmed, actor, now);
        db.ServiceItemVersions.Add(version);
        db.CatalogChanges.Add(new CatalogChange
        {
            ItemId = item.Id, Action = CatalogAction.Published, Version = version.Version, Actor = actor, At = now,
            Reason = trimmed.Reason, Basis = trimmed.Basis,
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
        return version;
    }

    internal static List<Error> CheckNote(PublicationNote note, bool requireBasis)
    {
        var errors = new List<Error>();
        if (string.IsNullOrWhiteSpace(note.Reason))
        {
            errors.Add(new Error("publication.reason_required", "请填写理由。", "Reason"));
        }
        else if (note.Reason.Length > MaxNote)
        {
            errors.Add(new Error("publication.reason_too_long", $"理由不能超过 {MaxNote} 个字。", "Reason"));
        }

        if (requireBasis && string.IsNullOrWhiteSpace(note.Basis))
        {
            errors.Add(new Error("publication.basis_required", "请填写依据。", "Basis"));
        }
        else if (note.Basis is { Length: > MaxNote })
        {
            errors.Add(new Error("publication.basis_too_long", $"依据不能超过 {MaxNote} 个字。", "Basis"));
        }

        return errors;
    }
}
