namespace Loans.Application.Documents;

/// <summary>
/// Decides what a spooled upload really is from its bytes alone; the file name and the client's
/// Content-Type are never consulted. Everything is read in a bounded buffer or through a counting
/// decompressor, so memory does not grow with the file.
/// </summary>
public sealed class ContentSniffer
{
    private readonly ZipBombLimits _limits;

    public ContentSniffer()
        : this(ZipBombLimits.Default)
    {
    }

    internal ContentSniffer(ZipBombLimits limits) => _limits = limits;

    /// <summary>
    /// One of the <see cref="DocumentTypes"/> values, or the refusal. Reads the stream synchronously
    /// (it is the local spooled file) and leaves it at position 0 for the next reader.
    /// </summary>
    /// <exception cref="ArgumentException">The stream cannot seek: pass <see cref="SpooledUpload.OpenRead"/>.</exception>
    public UploadOutcome<string> Sniff(Stream content, CancellationToken cancellationToken = default)
    {
        if (!content.CanSeek || !content.CanRead)
        {
            throw new ArgumentException("The sniffer needs a readable, seekable stream.", nameof(content));
        }

        try
        {
            return Classify(content, cancellationToken);
        }
        finally
        {
            content.Position = 0;
        }
    }

    private UploadOutcome<string> Classify(Stream content, CancellationToken cancellationToken)
    {
        Span<byte> magic = stackalloc byte[8];
        content.Position = 0;
        magic = magic[..content.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false)];

        if (IsExecutable(magic))
        {
            return DocumentRefusals.Executable;
        }

        if (magic.StartsWith("%PDF-"u8))
        {
            return PdfInspection.Inspect(content, cancellationToken);
        }

        // Acrobat accepts a PDF header anywhere in the first kilobyte, so any other type carrying one
        // there opens as a PDF too.
        if (Polyglots.HasPdfHeader(content))
        {
            return DocumentRefusals.Polyglot;
        }

        if (magic.StartsWith(PngInspection.Signature))
        {
            return PngInspection.Inspect(content);
        }

        if (magic.StartsWith(JpegInspection.Signature))
        {
            return JpegInspection.Inspect(content, cancellationToken);
        }

        if (magic.StartsWith("PK\x03\x04"u8))
        {
            return new DocxInspection(_limits).Inspect(content, cancellationToken);
        }

        return PlainTextInspection.Inspect(content, cancellationToken);
    }

    // PE (MZ), ELF, Mach-O in both byte orders and 32/64 bits, universal Mach-O (also Java classes), scripts.
    private static bool IsExecutable(ReadOnlySpan<byte> magic) =>
        magic.StartsWith("MZ"u8)
        || magic.StartsWith("\u007FELF"u8)
        || magic.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCE])
        || magic.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCF])
        || magic.StartsWith((ReadOnlySpan<byte>)[0xCE, 0xFA, 0xED, 0xFE])
        || magic.StartsWith((ReadOnlySpan<byte>)[0xCF, 0xFA, 0xED, 0xFE])
        || magic.StartsWith((ReadOnlySpan<byte>)[0xCA, 0xFE, 0xBA, 0xBE])
        || magic.StartsWith("#!"u8);
}
