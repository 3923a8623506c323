using System.Security.Cryptography;

namespace Platform.Storage.Tests;

/// <summary>
/// A non-seekable stream of pseudo-random bytes, made up as it is read, like a request body of
/// unknown length: nothing in the test holds the whole content, so any memory growth is the store's.
/// It hashes what it hands out, so the expected SHA-256 is known without a second copy.
/// </summary>
internal sealed class GeneratedStream(long length, int seed) : ForwardOnlyStream
{
    private readonly Random _random = new(seed);
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _produced;

    public string Sha256 => _produced == length
        ? Convert.ToHexStringLower(_hash.GetCurrentHash())
        : throw new InvalidOperationException("The stream has not been read to the end.");

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _produced);
        var chunk = buffer[..count];
        _random.NextBytes(chunk);
        _hash.AppendData(chunk);
        _produced += count;
        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
