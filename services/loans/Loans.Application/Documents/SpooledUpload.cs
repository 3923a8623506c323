namespace Loans.Application.Documents;

/// <summary>
/// One uploaded file, held in a private temporary file that disappears when this is disposed (or, on
/// a crash, with the temporary directory's cleanup). Nothing of it is in memory.
/// </summary>
public sealed class SpooledUpload : IDisposable, IAsyncDisposable
{
    private readonly FileStream _file;

    internal SpooledUpload(FileStream file, string originalFileName, long length, string sha256)
    {
        _file = file;
        OriginalFileName = originalFileName;
        Length = length;
        Sha256 = sha256;
    }

    /// <summary>As the client sent it (filename* preferred over filename), unchecked: pass it through <see cref="DocumentFileName.Normalize"/>.</summary>
    public string OriginalFileName { get; }

    public long Length { get; }

    /// <summary>Lower-case hex SHA-256 of the content, computed while it was written: the same content uploaded twice has the same value.</summary>
    public string Sha256 { get; }

    /// <summary>
    /// A new seekable read-only stream over the content, positioned at the start; the caller disposes it.
    /// Each call is independent, so the sniffer and the store can each read from the start.
    /// </summary>
    public Stream OpenRead()
    {
        ObjectDisposedException.ThrowIf(_file.SafeFileHandle.IsClosed, this);

        // Delete sharing: the spool's own handle deletes the file on close, which Windows only allows
        // when every other handle agrees to it.
        return new FileStream(_file.Name, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
            UploadSpool.BufferSize, FileOptions.SequentialScan);
    }

    public void Dispose() => _file.Dispose();

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
