using GovHall.Core.Catalog;

namespace GovHall.Web.Pages.Shared;

// What the guide partial needs: the content and how to link its files.
public sealed record GuideView(ItemContent Content, int? Version, DateTime? PublishedAt, string FileBase)
{
    public static GuideView Public(PublishedItem published) =>
        new(published.Content, published.Version.Version, published.Version.PublishedAt, "/files");

    public static GuideView Draft(ItemContent draft) => new(draft, null, null, "/admin/files");

    public string FileUrl(FileReference file) => $"{FileBase}/{file.Sha256}/{Uri.EscapeDataString(file.FileName)}";
}
