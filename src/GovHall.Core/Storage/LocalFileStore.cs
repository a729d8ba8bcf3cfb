namespace GovHall.Core.Storage;

// Files under {DataDirectory}/files/ab/cd/abcdef…; written to a temporary name and moved into
// place so a reader never sees half a file. The file is fsynced, then its directory (and a
// directory's parent when it was just made), so an acknowledged upload, name and all,
// survives a power cut.
public sealed class LocalFileStore(string root) : IFileStore
{
    public Task PutAsync(HashedBytes content, CancellationToken cancellationToken)
    {
        var path = PathOf(content.Sha256);
        if (File.Exists(path))
        {
            return Task.CompletedTask;
        }

        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            var parent = Path.GetDirectoryName(directory)!;
            var parentIsNew = !Directory.Exists(parent);
            Directory.CreateDirectory(directory);
            DirectorySync.Flush(parent);
            if (parentIsNew)
            {
                DirectorySync.Flush(root);
            }
        }

        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        // A plain synchronous write: the bytes are in memory already and fsync blocks anyway, so
        // the asynchronous path would only add thread-pool hops (measured in bench/).
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            stream.Write(content.Bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(directory);
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
