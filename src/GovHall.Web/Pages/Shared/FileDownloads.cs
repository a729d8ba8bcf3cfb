using GovHall.Core;
using GovHall.Core.Catalog;
using GovHall.Core.Storage;
using Microsoft.EntityFrameworkCore;
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

    private static async Task<IResult> DownloadAsync(string sha256, string fileName, HallDbContext db, IFileStore store, CancellationToken cancellationToken)
    {
        if (!ContentHash.IsSha256Hex(sha256))
        {
            return Results.NotFound();
        }

        var quoted = $"\"sha256\":\"{sha256}\"";
        var published = await db.ServiceItemVersions.AsNoTracking().AnyAsync(v => v.ContentJson.Contains(quoted), cancellationToken);
        return published ? await ServeAsync(sha256, fileName, db, store, cancellationToken) : Results.NotFound();
    }

    private static Task<IResult> AdminDownloadAsync(string sha256, string fileName, HallDbContext db, IFileStore store, CancellationToken cancellationToken) =>
        ServeAsync(sha256, fileName, db, store, cancellationToken);

    private static async Task<IResult> ServeAsync(string sha256, string fileName, HallDbContext db, IFileStore store, CancellationToken cancellationToken)
    {
        var meta = await db.StoredFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Sha256 == sha256, cancellationToken);
        var stream = meta is null ? null : await store.OpenAsync(sha256, cancellationToken);
        if (meta is null || stream is null)
        {
            return Results.NotFound();
        }

        return Results.File(stream, meta.ContentType, fileName, lastModified: null,
            entityTag: new EntityTagHeaderValue($"\"{sha256}\""), enableRangeProcessing: false);
    }
}
