using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Catalog;

// Imports a catalog file: every item is checked first and the file is rejected whole, with the
// line of each problem, if anything is wrong. Otherwise each item becomes a draft (new or over
// the existing one) and, when a publication note is given, is published where it changed.
public sealed class ImportCatalog(HallDbContext db, TimeProvider clock, CatalogIndex index)
{
    public const int MaxItems = 5000;

    public sealed record ImportError(int Line, string Path, string Message);

    public sealed record Summary(int Created, int Updated, int Published, int Unchanged);

    public async Task<(Summary? Summary, IReadOnlyList<ImportError> Errors)> RunAsync(
        byte[] json, PublicationNote? publish, string actor, IReadOnlySet<string>? arrivingFiles, CancellationToken cancellationToken,
        bool dryRun = false)
    {
        if (json.AsSpan().StartsWith("\uFEFF"u8))
        {
            // Editors on Windows often start UTF-8 files with a byte-order mark.
            json = json[3..];
        }

        CatalogFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CatalogFile>(json, CatalogJson.Options);
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var where = string.IsNullOrEmpty(ex.Path) ? "" : $"（位置 {ex.Path.TrimStart('$', '.')}）";
            return (null, [new ImportError(line, ex.Path ?? "", $"JSON 格式错误，或字段名、字段类型、取值不正确{where}。")]);
        }

        if (file is null)
        {
            return (null, [new ImportError(1, "", "文件内容为空。")]);
        }

        file.Items = (file.Items ?? []).Where(i => i is not null).Select(ItemNormalizer.Normalize).ToList();
        file.Format ??= "";
        var map = JsonLineMap.Build(json);
        var errors = new List<ImportError>();
        if (file.Format != CatalogFile.CurrentFormat)
        {
            errors.Add(new ImportError(map.LineOf("format"), "format", $"format 应为 \"{CatalogFile.CurrentFormat}\"。"));
        }

        if (file.Items.Count is 0 or > MaxItems)
        {
            errors.Add(new ImportError(map.LineOf("items"), "items", $"items 应包含 1 至 {MaxItems} 个事项。"));
        }

        if (publish is not null)
        {
            errors.AddRange(PublishItem.CheckNote(publish, requireBasis: true).Select(e => new ImportError(0, e.Field ?? "", e.Message)));
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < file.Items.Count; i++)
        {
            var item = file.Items[i];
            var problems = ItemValidator.Validate(item).Concat(await ItemFiles.MissingAsync(db, item, cancellationToken, arrivingFiles));
            foreach (var problem in problems)
            {
                var path = $"items[{i}].{JsonLineMap.ToJsonPath(problem.Field ?? "")}".TrimEnd('.');
                errors.Add(new ImportError(map.LineOf(path), path, problem.Message));
            }

            if (!seen.TryAdd(item.Code, i))
            {
                var path = $"items[{i}].code";
                errors.Add(new ImportError(map.LineOf(path), path, $"实施编码与第 {seen[item.Code] + 1} 个事项重复。"));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors.OrderBy(e => e.Line).ToList());
        }

        if (dryRun)
        {
            return (new Summary(0, 0, 0, 0), []);
        }

        return (await ApplyAsync(file.Items, publish, actor, cancellationToken), []);
    }

    private async Task<Summary> ApplyAsync(List<ItemContent> items, PublicationNote? publish, string actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var codes = items.Select(i => i.Code).ToList();
        var existing = await db.ServiceItems.Where(i => codes.Contains(i.Code)).ToDictionaryAsync(i => i.Code, cancellationToken);
        var current = (await ItemQueries.CurrentVersionsOf(db, existing.Values.Select(i => i.Id).ToList()).ToListAsync(cancellationToken))
            .ToDictionary(v => v.ItemId, v => v.ContentJson);
        int created = 0, updated = 0, published = 0, unchanged = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var content in items)
        {
            var json = CatalogJson.Serialize(content);
            if (existing.TryGetValue(content.Code, out var item))
            {
                if (current.TryGetValue(item.Id, out var live) && live == json && item.State == ItemState.Published)
                {
                    unchanged++;
                    continue;
                }

                item.SaveDraft(content, actor, now);
                updated++;
            }
            else
            {
                item = ServiceItem.Create(content, actor, now);
                db.ServiceItems.Add(item);
                created++;
            }

            db.CatalogChanges.Add(new CatalogChange { ItemId = item.Id, Action = CatalogAction.Imported, Actor = actor, At = now });
            if (publish is not null)
            {
                var note = new PublicationNote(publish.Reason.Trim(), publish.Basis.Trim());
                var version = item.Publish(note, actor, now);
                db.ServiceItemVersions.Add(version);
                db.CatalogChanges.Add(new CatalogChange
                {
                    ItemId = item.Id, Action = CatalogAction.Published, Version = version.Version, Actor = actor, At = now,
                    Reason = note.Reason, Basis = note.Basis,
                });
                published++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        index.MarkStale();
        return new Summary(created, updated, published, unchanged);
    }
}

public sealed class ExportCatalog(HallDbContext db, TimeProvider clock)
{
    public async Task<CatalogFile> RunAsync(CancellationToken cancellationToken)
    {
        var items = await ItemQueries.CurrentContentsAsync(db, cancellationToken);
        return new CatalogFile
        {
            Format = CatalogFile.CurrentFormat,
            ExportedAt = clock.GetUtcNow().UtcDateTime,
            Items = items.Select(i => i.Content).ToList(),
        };
    }
}
