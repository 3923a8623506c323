namespace Loans.Application.Documents;

/// <summary>
/// How much a DOCX may expand. Measured by decompressing, never read from the archive's headers,
/// which a bomb can fill with any sizes it likes.
/// </summary>
internal sealed record ZipBombLimits(int MaxEntries, long MaxTotalUncompressedBytes, long RatioCheckedAboveBytes, int MaxRatio)
{
    /// <summary>A long contract with images is a few hundred parts and tens of megabytes; text compresses about 10:1.</summary>
    public static readonly ZipBombLimits Default = new(
        MaxEntries: 1_000,
        MaxTotalUncompressedBytes: 100L * 1024 * 1024,
        RatioCheckedAboveBytes: 1024 * 1024,
        MaxRatio: 100);
}
