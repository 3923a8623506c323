using System.Security.Cryptography;

namespace Platform.Storage.Tests;

/// <summary>
/// What every <see cref="IDocumentStore"/> must do, run against each implementation on a real
/// backend (a temporary directory, a real S3-compatible server).
/// </summary>
public abstract class DocumentStoreContract
{
    private const long LargeDocumentBytes = 20L * 1024 * 1024;

    protected abstract IDocumentStore Store { get; }

    /// <summary>Most the store may allocate while storing the 20 MB document: well under its size, so it cannot have buffered it.</summary>
    protected abstract long MaxAllocatedBytesForLargePut { get; }

    public static IEnumerable<TestCaseData> TamperedKeys()
    {
        var id = Guid.NewGuid().ToString("N");
        yield return new TestCaseData("../../../../etc/passwd").SetName("Parent directories");
        yield return new TestCaseData($"2026/01/01/../../{id}").SetName("Dot-dot inside a dated key");
        yield return new TestCaseData($"/2026/01/01/{id}").SetName("Rooted");
        yield return new TestCaseData($"2026/01/01/{id}/x").SetName("Extra segment");
        yield return new TestCaseData($"2026\\01\\01\\{id}").SetName("Backslashes");
        yield return new TestCaseData($"2026/01/01/{id.ToUpperInvariant()}").SetName("Upper-case id");
        yield return new TestCaseData($"2026/13/01/{id}").SetName("Impossible date");
        yield return new TestCaseData($"2026/01/01/{id}\n").SetName("Trailing newline");
        yield return new TestCaseData($"2026/01/01/{id}%2F..").SetName("Encoded separator");
        yield return new TestCaseData("").SetName("Empty");
    }

    [Test]
    public async Task Put_ThenOpen_RoundTripsContentWithSizeAndSha256()
    {
        var content = RandomNumberGenerator.GetBytes(300_000);

        var stored = await Store.PutAsync(new NonSeekableStream(content), "application/pdf");

        Assert.Multiple(() =>
        {
            Assert.That(DocumentKey.IsValid(stored.Key), Is.True, stored.Key);
            Assert.That(stored.Key, Does.StartWith(DateTime.UtcNow.ToString("yyyy/MM/dd", System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(stored.SizeBytes, Is.EqualTo(content.Length));
            Assert.That(stored.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(content))));
            Assert.That(stored.ContentType, Is.EqualTo("application/pdf"));
        });
        Assert.That(await ReadAllAsync(stored.Key), Is.EqualTo(content));
    }

    [Test]
    public async Task Put_OfEmptyContent_StoresAnEmptyDocument()
    {
        var stored = await Store.PutAsync(Stream.Null, "text/plain");

        Assert.Multiple(() =>
        {
            Assert.That(stored.SizeBytes, Is.Zero);
            Assert.That(stored.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData([]))));
        });
        Assert.That(await ReadAllAsync(stored.Key), Is.Empty);
    }

    [Test]
    public async Task Put_Of20Megabytes_StreamsWithBoundedMemory()
    {
        await using var content = new GeneratedStream(LargeDocumentBytes, seed: 20);
        // Warm-up, so one-time costs (connection, pooled buffers, JIT) do not count against the store.
        await Store.PutAsync(new MemoryStream(new byte[1024]), "application/octet-stream");

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var stored = await Store.PutAsync(content, "application/octet-stream");
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Multiple(() =>
        {
            Assert.That(stored.SizeBytes, Is.EqualTo(LargeDocumentBytes));
            Assert.That(stored.Sha256, Is.EqualTo(content.Sha256));
            Assert.That(allocated, Is.LessThan(MaxAllocatedBytesForLargePut), $"allocated {allocated / 1024 / 1024.0:F1} MB");
        });

        await using var read = await Store.OpenReadAsync(stored.Key);
        Assert.That(read, Is.Not.Null);
        var (length, sha256) = await HashAsync(read!);
        Assert.Multiple(() =>
        {
            Assert.That(length, Is.EqualTo(LargeDocumentBytes));
            Assert.That(sha256, Is.EqualTo(content.Sha256));
        });
    }

    [Test]
    public async Task Delete_RemovesTheDocument_AndIsIdempotent()
    {
        var stored = await Store.PutAsync(new MemoryStream([1, 2, 3]), "application/octet-stream");

        await Store.DeleteAsync(stored.Key);

        Assert.That(await Store.OpenReadAsync(stored.Key), Is.Null);
        Assert.DoesNotThrowAsync(() => Store.DeleteAsync(stored.Key));
    }

    [Test]
    public async Task Open_OfAnUnknownKey_ReturnsNull()
    {
        var unknown = DateTime.UtcNow.ToString("yyyy/MM/dd", System.Globalization.CultureInfo.InvariantCulture) + "/" + Guid.NewGuid().ToString("N");

        Assert.That(await Store.OpenReadAsync(unknown), Is.Null);
    }

    [TestCaseSource(nameof(TamperedKeys))]
    public void TamperedKey_IsRejectedBeforeAnyLookup(string key)
    {
        Assert.ThrowsAsync<InvalidDocumentKeyException>(() => Store.OpenReadAsync(key));
        Assert.ThrowsAsync<InvalidDocumentKeyException>(() => Store.DeleteAsync(key));
    }

    [Test]
    public void NullKey_IsRejected()
    {
        Assert.ThrowsAsync<InvalidDocumentKeyException>(() => Store.OpenReadAsync(null!));
    }

    [Test]
    public async Task ConcurrentPuts_EachGetTheirOwnKeyAndContent()
    {
        var contents = Enumerable.Range(0, 16).Select(i => RandomNumberGenerator.GetBytes(10_000 + i * 1000)).ToList();

        var stored = await Task.WhenAll(contents.Select(content => Task.Run(() => Store.PutAsync(new NonSeekableStream(content), "application/octet-stream"))));

        Assert.That(stored.Select(s => s.Key).Distinct().Count(), Is.EqualTo(contents.Count));
        for (var i = 0; i < contents.Count; i++)
        {
            Assert.Multiple(() =>
            {
                Assert.That(stored[i].SizeBytes, Is.EqualTo(contents[i].Length));
                Assert.That(stored[i].Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(contents[i]))));
            });
            Assert.That(await ReadAllAsync(stored[i].Key), Is.EqualTo(contents[i]));
        }
    }

    protected async Task<byte[]> ReadAllAsync(string key)
    {
        await using var stream = await Store.OpenReadAsync(key);
        Assert.That(stream, Is.Not.Null, key);
        using var copy = new MemoryStream();
        await stream!.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task<(long Length, string Sha256)> HashAsync(Stream stream)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }

        return (length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
