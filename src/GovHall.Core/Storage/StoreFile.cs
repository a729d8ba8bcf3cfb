using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Storage;

// Puts bytes in the store and records them once. The content type is read from the content
// (magic numbers), never taken from the uploaded name.
public sealed class StoreFile(HallDbContext db, IFileStore store, TimeProvider clock)
{
    public const long MaxLength = 20 * 1024 * 1024;

    public Task<Result<StoredFile>> RunAsync(byte[] content, CancellationToken cancellationToken) =>
        RunAsync(HashedBytes.Of(content), cancellationToken);

    public async Task<Result<StoredFile>> RunAsync(HashedBytes hashed, CancellationToken cancellationToken)
    {
        var content = hashed.Bytes;
        if (content.Length == 0)
        {
            return new Error("file.empty", "文件是空的。");
        }

        if (content.Length > MaxLength)
        {
            return new Error("file.too_large", "文件不能超过 20 MB。");
        }

        await store.PutAsync(hashed, cancellationToken);
        var sha256 = hashed.Sha256;
        var known = await db.StoredFiles.FindAsync([sha256], cancellationToken);
        if (known is not null)
        {
            return known;
        }

        var stored = new StoredFile
        {
            Sha256 = sha256,
            Length = content.Length,
            ContentType = FileSniffer.ContentTypeOf(content),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.StoredFiles.Add(stored);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request may have stored the same content at the same moment; one row is what we want.
            db.Entry(stored).State = EntityState.Detached;
            if (!await db.StoredFiles.AsNoTracking().AnyAsync(f => f.Sha256 == sha256, cancellationToken))
            {
                throw;
            }
        }

        return stored;
    }
}
