using System.Text.Json;

namespace GovHall.Core.Catalog;

// One item of the implementation list. The published content lives in immutable
// ServiceItemVersion rows; this row holds the working draft and a copy of the current
// version's searchable facts so the portal never has to join.
public sealed class ServiceItem
{
    private ServiceItem()
    {
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public ItemState State { get; private set; }
    public int CurrentVersion { get; private set; }
    public string? DraftJson { get; private set; }
    public DateTime? DraftUpdatedAt { get; private set; }
    public string? DraftUpdatedBy { get; private set; }

    // Copies of the current published version, for listing and filtering.
    public string Name { get; private set; } = "";
    public ItemKind Kind { get; private set; }
    public OnlineDepth OnlineDepth { get; private set; }
    public int VisitsRequired { get; private set; }
    public string Department { get; private set; } = "";
    public string Topics { get; private set; } = "";
    public string ApplicantTypes { get; private set; } = "";
    public DateTime? PublishedAt { get; private set; }
    public DateTime? OfflineAt { get; private set; }
    public long ViewCount { get; private set; }

    // Optimistic concurrency: two administrators saving the same draft cannot overwrite each other.
    public int Revision { get; private set; }

    public bool HasDraft => DraftJson is not null;

    public static ServiceItem Create(ItemContent draft, string actor, DateTime now)
    {
        var item = new ServiceItem { Id = Guid.CreateVersion7(), Code = draft.Code, State = ItemState.Draft, Name = draft.Name };
        item.SaveDraft(draft, actor, now);
        return item;
    }

    public ItemContent? Draft() => DraftJson is null ? null : CatalogJson.Deserialize(DraftJson);

    public void SaveDraft(ItemContent draft, string actor, DateTime now)
    {
        DraftJson = CatalogJson.Serialize(draft);
        DraftUpdatedAt = now;
        DraftUpdatedBy = actor;
        if (State == ItemState.Draft)
        {
            Name = draft.Name;
        }

        Revision++;
    }

    public void DiscardDraft()
    {
        DraftJson = null;
        DraftUpdatedAt = null;
        DraftUpdatedBy = null;
        Revision++;
    }

    public ServiceItemVersion Publish(PublicationNote note, string actor, DateTime now)
    {
        var content = Draft() ?? throw new InvalidOperationException("Publish needs a draft; PublishItem checks this first.");
        CurrentVersion++;
        var version = new ServiceItemVersion
        {
            Id = Guid.CreateVersion7(),
            ItemId = Id,
            Version = CurrentVersion,
            ContentJson = CatalogJson.Serialize(content),
            PublishedAt = now,
            PublishedBy = actor,
            Reason = note.Reason,
            Basis = note.Basis,
        };
        State = ItemState.Published;
        Name = content.Name;
        Kind = content.Kind;
        OnlineDepth = content.OnlineDepth;
        VisitsRequired = content.VisitsRequired;
        Department = content.ImplementingBody.Department;
        Topics = Joined(content.Topics);
        ApplicantTypes = Joined(content.ApplicantTypes.Select(t => t.ToString()));
        PublishedAt = now;
        OfflineAt = null;
        DiscardDraft();
        return version;
    }

    public void TakeOffline(DateTime now)
    {
        State = ItemState.Offline;
        OfflineAt = now;
        Revision++;
    }

    public void BringOnline(DateTime now)
    {
        State = ItemState.Published;
        OfflineAt = null;
        PublishedAt = now;
        Revision++;
    }

    // "|a|b|" so that a filter is one LIKE '%|a|%' on every provider.
    private static string Joined(IEnumerable<string> values) => $"|{string.Join('|', values)}|";
}

public enum ItemState { Draft, Published, Offline }

public sealed record PublicationNote(string Reason, string Basis);

public sealed class ServiceItemVersion
{
    public Guid Id { get; init; }
    public Guid ItemId { get; init; }
    public int Version { get; init; }
    public required string ContentJson { get; init; }
    public DateTime PublishedAt { get; init; }
    public required string PublishedBy { get; init; }
    public required string Reason { get; init; }
    public required string Basis { get; init; }

    public ItemContent Content() => CatalogJson.Deserialize(ContentJson);
}

// Who changed what in the catalog, and why: every draft save, publication, import and
// offline/online switch. Append-only.
public sealed class CatalogChange
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ItemId { get; init; }
    public CatalogAction Action { get; init; }
    public int? Version { get; init; }
    public required string Actor { get; init; }
    public DateTime At { get; init; }
    public string? Reason { get; init; }
    public string? Basis { get; init; }
}

public enum CatalogAction { DraftSaved, Published, TakenOffline, BroughtOnline, DraftDiscarded, Imported }

public static class CatalogJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false) },
    };

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };

    public static string Serialize(ItemContent content) => JsonSerializer.Serialize(content, Options);

    public static ItemContent Deserialize(string json) =>
        JsonSerializer.Deserialize<ItemContent>(json, Options) ?? throw new JsonException("null item");
}
