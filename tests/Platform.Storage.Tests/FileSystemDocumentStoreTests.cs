namespace Platform.Storage.Tests;

public sealed class FileSystemDocumentStoreTests : DocumentStoreContract
{
    private string _root = "";
    private FileSystemDocumentStore _store = null!;

    protected override IDocumentStore Store => _store;

    // A copy buffer and bookkeeping; nothing proportional to the document.
    protected override long MaxAllocatedBytesForLargePut => 1024 * 1024;

    [SetUp]
    public void CreateStore()
    {
        _root = Path.Combine(Path.GetTempPath(), "platform-storage-tests", Guid.NewGuid().ToString("N"));
        _store = new FileSystemDocumentStore(new FileSystemStorageOptions { Root = _root }, TimeProvider.System);
    }

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task Put_WritesUnderTheRoot_AndLeavesNoTemporaryFile()
    {
        var stored = await _store.PutAsync(new MemoryStream([1, 2, 3]), "application/octet-stream");

        var files = Directory.GetFiles(_root, "*", SearchOption.AllDirectories);
        Assert.That(files, Is.EqualTo(new[] { Path.Combine(_root, stored.Key.Replace('/', Path.DirectorySeparatorChar)) }));
    }

    [Test]
    public void Put_WhoseContentFailsMidway_LeavesNoFileBehind()
    {
        var content = new BrokenStream(new GeneratedStream(10L * 1024 * 1024, seed: 1), failAfterBytes: 1024 * 1024);

        Assert.ThrowsAsync<IOException>(() => _store.PutAsync(content, "application/octet-stream"));

        Assert.That(Directory.GetFiles(_root, "*", SearchOption.AllDirectories), Is.Empty);
    }
}
