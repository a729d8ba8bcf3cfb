namespace GovHall.Core.Catalog;

// The documented import/export format (docs/catalog-format.md).
public sealed class CatalogFile
{
    public const string CurrentFormat = "govhall.catalog/v1";

    public string Format { get; set; } = "";
    public DateTime? ExportedAt { get; set; }
    public List<ItemContent> Items { get; set; } = [];
}
