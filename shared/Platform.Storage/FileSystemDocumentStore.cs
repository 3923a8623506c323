using System.Buffers;
using System.Security.Cryptography;

namespace Platform.Storage;

/// <summary>
/// Documents as files under one root directory. Each upload goes to a temporary file next to its
/// final name and is renamed into place only when complete, so a reader never sees half a
/// document and a crash leaves at most a stray <c>.tmp</c> file, never a truncated document.
/// </summary>
internal sealed class FileSystemDocumentStore : IDocumentStore
{
    private const int BufferSize = 81920;
    private const string TempSuffix = ".tmp";

    private readonly string _root;
    private readonly string _rootPrefix;
    private readonly TimeProvider _time;

    public FileSystemDocumentStore(FileSystemStorageOptions options, TimeProvider time)
    {
        _root = Path.GetFullPath(options.Root);
        _rootPrefix = Path.EndsInDirectorySeparator(_root) ? _root : _root + Path.DirectorySeparatorChar;
        _time = time;
        Directory.CreateDirectory(_root);
    }

    public async Task<StoredDocument> PutAsync(Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var key = DocumentKey.New(_time.GetUtcNow());
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + TempSuffix;

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long size = 0;
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    size += read;
                }

                // The rename must not publish data still sitting in the OS cache after a power cut.
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: false);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new StoredDocument(key, size, Convert.ToHexStringLower(hash.GetHashAndReset()), contentType);
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        // File.Delete is already silent about a missing file; a missing directory is the same case.
        var path = PathOf(key);
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
        }

        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        DocumentKey.EnsureValid(key);
        var path = Path.GetFullPath(Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar)));
        // Unreachable with a valid key; kept so a future change to the key shape cannot open an escape.
        if (!path.StartsWith(_rootPrefix, StringComparison.Ordinal))
        {
            throw new InvalidDocumentKeyException("Not a document key.");
        }

        return path;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a stray temporary file is harmless and never served (its name is not a key).
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
