using Amazon.S3.Model;
using Platform.Testing;

namespace Platform.Storage.Tests;

/// <summary>The contract against a real S3-compatible server, through the same client settings a service uses.</summary>
[Category("S3")]
[NonParallelizable]
public sealed class S3DocumentStoreTests : DocumentStoreContract
{
    private const string Bucket = "platform-documents-test";

    private S3rverServer? _server;
    private S3DocumentStore _store = null!;
    private S3StorageOptions _options = null!;

    protected override IDocumentStore Store => _store;

    // One part buffer (the S3 minimum, 5 MB) plus the SDK's per-request overhead; the document is 20 MB.
    protected override long MaxAllocatedBytesForLargePut => 10L * 1024 * 1024;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        var (server, reason) = await S3rverServer.TryStartAsync(Bucket);
        if (server is null)
        {
            // Only a server that cannot be started here skips the tests; a server that starts but
            // misbehaves fails them.
            Assert.Ignore(reason ?? "s3rver could not be started.");
            return;
        }

        _server = server;
        _options = new S3StorageOptions
        {
            Bucket = Bucket,
            ServiceUrl = server.ServiceUrl.ToString(),
            AccessKey = S3rverServer.AccessKey,
            SecretKey = S3rverServer.SecretKey,
            ForcePathStyle = true,
            PartSizeBytes = S3StorageOptions.MinPartSizeBytes,
        };
        _store = new S3DocumentStore(_options, TimeProvider.System);
    }

    [OneTimeTearDown]
    public void StopServer()
    {
        _store?.Dispose();
        _server?.Dispose();
    }

    [Test]
    public async Task Put_StoresTheContentTypeOnTheObject()
    {
        var stored = await _store.PutAsync(new MemoryStream([1, 2, 3]), "image/png");

        using var s3 = S3DocumentStore.CreateClient(_options);
        var metadata = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = stored.Key });
        Assert.Multiple(() =>
        {
            Assert.That(metadata.Headers.ContentType, Is.EqualTo("image/png"));
            Assert.That(metadata.ContentLength, Is.EqualTo(3));
        });
    }

    [Test]
    public void Put_WhoseContentFailsAfterTheFirstPart_Throws()
    {
        var content = new BrokenStream(new GeneratedStream(20L * 1024 * 1024, seed: 2), failAfterBytes: 7L * 1024 * 1024);

        Assert.ThrowsAsync<IOException>(() => _store.PutAsync(content, "application/octet-stream"));
    }
}
