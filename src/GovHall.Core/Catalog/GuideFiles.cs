using GovHall.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Catalog;

// The files a guide links to (blank forms and samples). The store also holds applicants'
// materials, so the public may have a file only if a published version refers to it; catalog
// administrators, previewing drafts, may have any stored file.
public sealed class GuideFiles(HallDbContext db)
{
    public async Task<StoredFile?> PublishedAsync(string sha256, CancellationToken cancellationToken)
    {
        if (!ContentHash.IsSha256Hex(sha256))
        {
            return null;
        }

        var quoted = $"\"sha256\":\"{sha256}\"";
        var published = await db.ServiceItemVersions.AsNoTracking().AnyAsync(v => v.ContentJson.Contains(quoted), cancellationToken);
        return published ? await AnyAsync(sha256, cancellationToken) : null;
    }

    public Task<StoredFile?> AnyAsync(string sha256, CancellationToken cancellationToken) =>
        db.StoredFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Sha256 == sha256, cancellationToken);
}
