using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Catalog;

// Saves an administrator's draft of an item, new or existing. A draft may be incomplete: it is
// saved with the list of what still stops it from being published, shown in place on the page.
public sealed class SaveDraft(HallDbContext db, TimeProvider clock)
{
    public sealed record Saved(string Code, int Revision, IReadOnlyList<Error> Problems);

    public async Task<Result<Saved>> RunAsync(ItemContent draft, int? expectedRevision, string actor, CancellationToken cancellationToken)
    {
        ItemNormalizer.Normalize(draft);
        var now = clock.GetUtcNow().UtcDateTime;
        ServiceItem? item;
        if (expectedRevision is null)
        {
            var codeErrors = ItemCode.Check(draft.Code, draft.BasicCode, draft.ImplementingBody.CreditCode, "Code")
                .Where(e => e.Field == "Code").ToList();
            if (codeErrors.Count > 0)
            {
                return Result<Saved>.Fail(codeErrors);
            }

            if (await db.ServiceItems.AnyAsync(i => i.Code == draft.Code, cancellationToken))
            {
                return Error.Conflict("item.exists", "该实施编码的事项已存在，请打开它编辑。") with { Field = "Code" };
            }

            item = ServiceItem.Create(draft, actor, now);
            db.ServiceItems.Add(item);
        }
        else
        {
            item = await db.ServiceItems.SingleOrDefaultAsync(i => i.Code == draft.Code, cancellationToken);
            if (item is null)
            {
                return CatalogErrors.UnknownItem;
            }

            if (item.Revision != expectedRevision)
            {
                return CatalogErrors.ChangedMeanwhile;
            }

            item.SaveDraft(draft, actor, now);
        }

        db.CatalogChanges.Add(new CatalogChange { ItemId = item.Id, Action = CatalogAction.DraftSaved, Actor = actor, At = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CatalogErrors.ChangedMeanwhile;
        }
        catch (DbUpdateException) when (expectedRevision is null)
        {
            return Error.Conflict("item.exists", "该实施编码的事项已存在，请打开它编辑。") with { Field = "Code" };
        }

        var problems = ItemValidator.Validate(draft).Concat(await ItemFiles.MissingAsync(db, draft, cancellationToken)).ToList();
        return new Saved(item.Code, item.Revision, problems);
    }
}

public static class CatalogErrors
{
    public static readonly Error UnknownItem = Error.NotFound("item.not_found", "没有找到这个事项，请检查事项编码。");
    public static readonly Error ChangedMeanwhile = Error.Conflict("item.changed", "该事项已被他人修改，请重新打开后再编辑。");
    public static readonly Error NoDraft = Error.Conflict("item.no_draft", "该事项没有待发布的草稿。");
    public static readonly Error NotPublished = Error.Conflict("item.not_published", "该事项当前不在线，无需下线。");
    public static readonly Error NotOffline = Error.Conflict("item.not_offline", "该事项当前不是下线状态。");
    public static readonly Error Offline = Error.Gone("item.offline", "该事项已下线，暂不提供办理。");
}

// Every file an item refers to (blank forms, samples) must already be in the file store.
public static class ItemFiles
{
    public static IEnumerable<(string Field, FileReference File)> All(ItemContent item)
    {
        static IEnumerable<(string, FileReference)> OfMaterials(List<RequiredMaterial> materials, string path)
        {
            for (var i = 0; i < materials.Count; i++)
            {
                if (materials[i].BlankForm is { } form)
                {
                    yield return ($"{path}[{i}].BlankForm", form);
                }

                if (materials[i].Sample is { } sample)
                {
                    yield return ($"{path}[{i}].Sample", sample);
                }
            }
        }

        foreach (var file in OfMaterials(item.Materials, "Materials"))
        {
            yield return file;
        }

        for (var s = 0; s < item.Situations.Count; s++)
        {
            foreach (var file in OfMaterials(item.Situations[s].Materials, $"Situations[{s}].Materials"))
            {
                yield return file;
            }
        }

        if (item.Result.Sample is { } resultSample)
        {
            yield return ("Result.Sample", resultSample);
        }
    }

    public static async Task<IReadOnlyList<Error>> MissingAsync(HallDbContext db, ItemContent item, CancellationToken cancellationToken, IReadOnlySet<string>? arriving = null)
    {
        var references = All(item).Where(r => Storage.ContentHash.IsSha256Hex(r.File.Sha256)).ToList();
        if (references.Count == 0)
        {
            return [];
        }

        var hashes = references.Select(r => r.File.Sha256).Distinct().ToList();
        var known = await db.StoredFiles.Where(f => hashes.Contains(f.Sha256)).Select(f => f.Sha256).ToListAsync(cancellationToken);
        return references
            .Where(r => !known.Contains(r.File.Sha256) && arriving?.Contains(r.File.Sha256) != true)
            .Select(r => new Error("item.file_missing", $"文件“{r.File.FileName}”尚未上传到文件库。", $"{r.Field}.Sha256"))
            .ToList();
    }
}
