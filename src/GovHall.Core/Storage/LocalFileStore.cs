namespace GovHall.Core.Storage;

// Files under {DataDirectory}/files/ab/cd/abcdef…; written to a temporary name and moved into
// place so a reader never sees half a file, and fsynced so an acknowledged upload survives a crash.
public sealed class LocalFileStore(string root) : IFileStore
{
    public Task PutAsync(HashedBytes content, CancellationToken cancellationToken)
    {
        var path = PathOf(content.Sha256);
        if (File.Exists(path))
        {
            return Task.CompletedTask;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        // A plain synchronous write: the bytes are in memory already and fsync blocks anyway, so
        // the asynchronous path would only add thread-pool hops (measured in bench/).
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            stream.Write(content.Bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        return Task.CompletedTask;
    }

    public Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken)
    {
        if (!ContentHash.IsSha256Hex(sha256))
        {
            return Task.FromResult<Stream?>(null);
        }

        var path = PathOf(sha256);
        Stream? stream = File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous) : null;
        return Task.FromResult(stream);
    }

    public Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken) =>
        Task.FromResult(ContentHash.IsSha256Hex(sha256) && File.Exists(PathOf(sha256)));

    private string PathOf(string sha256) => Path.Combine(root, sha256[..2], sha256[2..4], sha256);
}
