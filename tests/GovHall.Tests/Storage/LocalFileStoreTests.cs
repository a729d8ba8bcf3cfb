using GovHall.Core.Storage;

namespace GovHall.Tests.Storage;

public sealed class LocalFileStoreTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("govhall-files-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task AFile_IsFiledUnderItsHash_WholeAndOnce()
    {
        var store = new LocalFileStore(root);
        var content = HashedBytes.Of([.. "%PDF-1.7 申请书"u8, .. new byte[5000]]);

        await store.PutAsync(content, Cancel);
        await store.PutAsync(content, Cancel);

        var path = Path.Combine(root, content.Sha256[..2], content.Sha256[2..4], content.Sha256);
        Assert.Equal(content.Bytes, await File.ReadAllBytesAsync(path, Cancel));
        Assert.Equal([path], Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
        await using var read = await store.OpenAsync(content.Sha256, Cancel);
        Assert.NotNull(read);
    }

    // The directory sync really reaches the operating system: a directory that is not there
    // is an error, not a silent success.
    [Fact]
    public void SyncingADirectory_ThatIsNotThere_Fails()
    {
        DirectorySync.Flush(root);
        var missing = Path.Combine(root, "missing");
        var error = Assert.Throws<IOException>(() => DirectorySync.Flush(missing));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
