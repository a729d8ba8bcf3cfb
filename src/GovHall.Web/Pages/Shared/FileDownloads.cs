using GovHall.Core.Catalog;
using GovHall.Core.Storage;
using Microsoft.Net.Http.Headers;

namespace GovHall.Web.Pages.Shared;

// The files a guide links to (GuideView.FileUrl): blank forms and samples of published items,
// for anyone to download under /files, and of drafts, for catalog administrators, under
// /admin/files. The store also holds applicants' materials, so a file is served under /files
// only if a published version refers to it.
public static class FileDownloads
{
    public static IEndpointRouteBuilder MapFileDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/files/{sha256}/{fileName}", DownloadAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/admin/files/{sha256}/{fileName}", AdminDownloadAsync).RequireAuthorization(Policies.Catalog).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(string sha256, string fileName, GuideFiles files, IFileStore store, CancellationToken cancellationToken) =>
        await ServeAsync(await files.PublishedAsync(sha256, cancellationToken), fileName, store, cancellationToken);

    private static async Task<IResult> AdminDownloadAsync(string sha256, string fileName, GuideFiles files, IFileStore store, CancellationToken cancellationToken) =>
        await ServeAsync(await files.AnyAsync(sha256, cancellationToken), fileName, store, cancellationToken);

    private static async Task<IResult> ServeAsync(StoredFile? meta, string fileName, IFileStore store, CancellationToken cancellationToken)
    {
        var stream = meta is null ? null : await store.OpenAsync(meta.Sha256, cancellationToken);
        if (meta is null || stream is null)
        {
            return Results.NotFound();
        }

        return Results.File(stream, meta.ContentType, fileName, lastModified: null,
            entityTag: new EntityTagHeaderValue($"\"{meta.Sha256}\""), enableRangeProcessing: false);
    }
}
