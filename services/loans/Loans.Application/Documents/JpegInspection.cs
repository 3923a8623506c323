namespace Loans.Application.Documents;

/// <summary>
/// A JPEG is accepted when its segments, walked from SOI by their lengths and through the
/// compressed scan data, end with EOI at the end of the file. Walking (rather than looking for FF D9
/// at the end) finds the real end of the image: an appended archive or second image can itself end in
/// FF D9, and an EXIF thumbnail holds an FF D9 of its own before the real end.
/// </summary>
internal static class JpegInspection
{
    public static ReadOnlySpan<byte> Signature => [0xFF, 0xD8, 0xFF];

    // Some cameras and encoders pad the file after EOI with a few zero bytes.
    private const int MaxZeroPadding = 16;

    private const int EndOfImage = 0xD9;
    private const int StartOfImage = 0xD8;
    private const int StartOfScan = 0xDA;

    public static UploadOutcome<string> Inspect(Stream content, CancellationToken cancellationToken)
    {
        if (Polyglots.HasZipEndRecord(content))
        {
            return DocumentRefusals.Polyglot;
        }

        content.Position = 2;
        var reader = new ByteReader(content);
        var marker = NextMarker(reader);
        while (marker != EndOfImage)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (marker < 0 || marker == StartOfImage)
            {
                return DocumentRefusals.Corrupt;
            }

            if (IsStandalone(marker))
            {
                marker = NextMarker(reader);
                continue;
            }

            var high = reader.ReadByte();
            var low = reader.ReadByte();
            var segmentLength = (high << 8) | low;
            if (low < 0 || segmentLength < 2 || !reader.Skip(segmentLength - 2))
            {
                return DocumentRefusals.Corrupt;
            }

            marker = marker == StartOfScan ? MarkerAfterScan(reader) : NextMarker(reader);
        }

        return TrailerIsPadding(reader, content.Length) ? DocumentTypes.Jpeg : DocumentRefusals.Polyglot;
    }

    /// <summary>Between segments: one FF (possibly repeated as fill) then the marker; -1 when that is not what follows.</summary>
    private static int NextMarker(ByteReader reader)
    {
        if (reader.ReadByte() != 0xFF)
        {
            return -1;
        }

        int marker;
        do
        {
            marker = reader.ReadByte();
        }
        while (marker == 0xFF);

        return marker;
    }

    /// <summary>
    /// Skips entropy-coded scan data to the marker that ends it. Inside the data FF is followed by 00
    /// (a stuffed byte) or a restart marker; any other marker ends the scan. -1 when the file ends first.
    /// </summary>
    private static int MarkerAfterScan(ByteReader reader)
    {
        while (reader.SkipTo(0xFF))
        {
            var marker = NextMarker(reader);
            if (marker is not (0x00 or (>= 0xD0 and <= 0xD7)))
            {
                return marker;
            }
        }

        return -1;
    }

    // TEM and the restart markers carry no length.
    private static bool IsStandalone(int marker) => marker is 0x01 or (>= 0xD0 and <= 0xD7);

    private static bool TrailerIsPadding(ByteReader reader, long length)
    {
        if (length - reader.Position > MaxZeroPadding)
        {
            return false;
        }

        for (var b = reader.ReadByte(); b >= 0; b = reader.ReadByte())
        {
            if (b != 0)
            {
                return false;
            }
        }

        return true;
    }
}
