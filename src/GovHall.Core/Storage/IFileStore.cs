namespace GovHall.Core.Storage;

// The content-addressed store for uploaded and published files. The database keeps their
// metadata (StoredFile); the bytes live behind this interface (local folder today, an object
// store when the hall runs on several nodes without a shared folder).
public interface IFileStore
{
    // Durable (fsynced) when it returns; putting the same content again changes nothing.
    Task PutAsync(HashedBytes content, CancellationToken cancellationToken);

    Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken);
}
