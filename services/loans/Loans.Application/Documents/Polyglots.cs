namespace Loans.Application.Documents;

/// <summary>
/// Checks for a second format hiding in a file of an accepted type. Readers look for their format
/// in different places: PDF readers for a header anywhere in the first kilobyte, ZIP readers for the
/// end-of-central-directory record near the end. Passing both means the file opens as either.
/// </summary>
internal static class Polyglots
{
    /// <summary>How far from the start a PDF reader looks for its header.</summary>
    private const int PdfHeaderWindow = 1024;

    /// <summary>The end record (22 bytes) plus the longest comment after it, rounded up: where ZIP readers search.</summary>
    internal const int ZipEndWindow = 66 * 1024;

    public static bool HasPdfHeader(Stream content) =>
        Read(content, 0, PdfHeaderWindow).AsSpan().IndexOf("%PDF-"u8) >= 0;

    public static bool HasZipEndRecord(Stream content) =>
        Read(content, Math.Max(0, content.Length - ZipEndWindow), ZipEndWindow).AsSpan().IndexOf("PK\x05\x06"u8) >= 0;

    /// <summary>Up to <paramref name="count"/> bytes from <paramref name="offset"/>; fewer at the end of the file.</summary>
    public static byte[] Read(Stream content, long offset, int count)
    {
        var buffer = new byte[(int)Math.Min(count, Math.Max(0, content.Length - offset))];
        content.Position = offset;
        content.ReadExactly(buffer);
        return buffer;
    }
}
