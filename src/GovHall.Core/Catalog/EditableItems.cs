using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Catalog;

public sealed record ItemForEditing(ServiceItem Item, ItemContent Content);

// An item as its administrator reviews it before publishing: the change log, and for a draft
// its problems and what it changes against the current version.
public sealed record ItemReview(ServiceItem Item, IReadOnlyList<CatalogChange> Log, IReadOnlyList<Error> Problems, IReadOnlyList<DiffLine>? Changes);

// The catalog as catalog administrators see it: every item in every state, drafts included.
public sealed class EditableItems(HallDbContext db)
{
    public Task<List<ServiceItem>> ListAsync(CancellationToken cancellationToken) =>
        db.ServiceItems.AsNoTracking().OrderBy(i => i.Department).ThenBy(i => i.Code).ToListAsync(cancellationToken);

    public async Task<ItemContent?> DraftAsync(string code, CancellationToken cancellationToken) =>
        (await FindAsync(code, cancellationToken))?.Draft();

    // What an editor starts from: the draft, or else a copy of the current version.
    public async Task<ItemForEditing?> EditableAsync(string code, CancellationToken cancellationToken)
    {
        var item = await FindAsync(code, cancellationToken);
        if (item is null)
        {
            return null;
        }

        var content = await ItemQueries.EditableAsync(db, item, cancellationToken);
        return content is null ? null : new ItemForEditing(item, content);
    }

    public async Task<ItemReview?> ReviewAsync(string code, CancellationToken cancellationToken)
    {
        var item = await FindAsync(code, cancellationToken);
        if (item is null)
        {
            return null;
        }

        var log = await ItemQueries.ChangesAsync(db, item.Id, cancellationToken);
        IReadOnlyList<Error> problems = [];
        IReadOnlyList<DiffLine>? changes = null;
        if (item.Draft() is { } draft)
        {
            problems = ItemValidator.Validate(draft).Concat(await ItemFiles.MissingAsync(db, draft, cancellationToken)).ToList();
            if (item.CurrentVersion > 0)
            {
                var current = await ItemQueries.VersionAsync(db, code, item.CurrentVersion, cancellationToken);
                changes = VersionDiff.Compare(current.Value!.Content, draft).Where(l => l.Kind != DiffLineKind.Unchanged).ToList();
            }
        }

        return new ItemReview(item, log, problems, changes);
    }

    // A new item starts from the bureau's common elements, taken from any existing item.
    public async Task<ItemContent> TemplateAsync(CancellationToken cancellationToken)
    {
        var published = await ItemQueries.CurrentContentsAsync(db, cancellationToken);
        var any = published.Count > 0 ? published[0].Content : null;
        var template = new ItemContent { Steps = [new ProcessStep { Name = "受理", Role = "窗口受理" }], Materials = [new RequiredMaterial()] };
        if (any is not null)
        {
            template.ImplementingBody = new ImplementingBody { Name = any.ImplementingBody.Name, CreditCode = any.ImplementingBody.CreditCode };
            template.Place = any.Place;
            template.Contacts = any.Contacts;
            template.Remedies = any.Remedies;
        }

        return template;
    }

    private Task<ServiceItem?> FindAsync(string code, CancellationToken cancellationToken) =>
        db.ServiceItems.AsNoTracking().SingleOrDefaultAsync(i => i.Code == code, cancellationToken);
}
