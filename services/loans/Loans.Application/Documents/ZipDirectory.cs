using System.Buffers.Binary;

namespace Loans.Application.Documents;

/// <summary>
/// What the archive's own directory says, read before System.IO.Compression parses it: whether the
/// archive ends exactly where its end record says (anything after it is a second format), how many
/// entries there are (ZipArchive would otherwise build an object per entry of a directory with
/// hundreds of thousands), and whether any entry is encrypted.
/// </summary>
internal sealed record ZipDirectory(ZipDirectoryStatus Status, int Entries, bool AnyEncrypted)
{
    private const int EndRecordLength = 22;
    private const int HeaderLength = 46;
    private const uint CentralHeaderSignature = 0x02014B50;

    /// <summary>Walks at most <paramref name="maxEntries"/> + 1 central directory headers.</summary>
    public static ZipDirectory Read(Stream content, int maxEntries)
    {
        var tail = Polyglots.Read(content, Math.Max(0, content.Length - Polyglots.ZipEndWindow), Polyglots.ZipEndWindow);
        var tailStart = content.Length - tail.Length;
        var end = FindEndRecord(tail);
        if (end < 0)
        {
            // A signature is there, but its comment does not reach the end of the file: bytes follow the archive.
            return new ZipDirectory(end == -1 ? ZipDirectoryStatus.Unreadable : ZipDirectoryStatus.TrailingData, 0, false);
        }

        var record = tail.AsSpan(end, EndRecordLength);
        var declaredEntries = BinaryPrimitives.ReadUInt16LittleEndian(record[10..]);
        var directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(record[16..]);
        if (declaredEntries > maxEntries)
        {
            return new ZipDirectory(ZipDirectoryStatus.Valid, declaredEntries, false);
        }

        // ZIP64 puts its values elsewhere; a document this size never needs it.
        if (declaredEntries == ushort.MaxValue || directoryOffset == uint.MaxValue || directoryOffset > tailStart + end)
        {
            return new ZipDirectory(ZipDirectoryStatus.Unreadable, 0, false);
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        var position = (long)directoryOffset;
        var entries = 0;
        var encrypted = false;
        while (entries <= maxEntries)
        {
            content.Position = position;
            if (content.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) < HeaderLength
                || BinaryPrimitives.ReadUInt32LittleEndian(header) != CentralHeaderSignature)
            {
                break;
            }

            entries++;
            encrypted |= (BinaryPrimitives.ReadUInt16LittleEndian(header[8..]) & 1) != 0;
            position += HeaderLength
                + BinaryPrimitives.ReadUInt16LittleEndian(header[28..])
                + BinaryPrimitives.ReadUInt16LittleEndian(header[30..])
                + BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
        }

        return new ZipDirectory(ZipDirectoryStatus.Valid, entries, encrypted);
    }

    /// <summary>
    /// The offset in <paramref name="tail"/> of the end record whose comment ends exactly at the end of
    /// the file; -1 when there is no end record at all, -2 when there are only ones followed by more bytes.
    /// </summary>
    private static int FindEndRecord(ReadOnlySpan<byte> tail)
    {
        var result = -1;
        for (var at = tail.Length - EndRecordLength; at >= 0; at--)
        {
            if (!tail[at..].StartsWith("PK\x05\x06"u8))
            {
                continue;
            }

            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(tail[(at + 20)..]);
            if (at + EndRecordLength + commentLength == tail.Length)
            {
                return at;
            }

            result = -2;
        }

        return result;
    }
}
