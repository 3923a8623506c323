using System.Buffers.Binary;

namespace Loans.Application.Documents;

/// <summary>
/// A PNG is accepted when its chunks, walked by their declared lengths from the signature, end
/// exactly at the end of the file with IEND. Data after IEND is how archives and scripts are
/// smuggled inside images that still display.
/// </summary>
internal static class PngInspection
{
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static UploadOutcome<string> Inspect(Stream content)
    {
        if (Polyglots.HasZipEndRecord(content))
        {
            return DocumentRefusals.Polyglot;
        }

        Span<byte> header = stackalloc byte[8];
        var length = content.Length;
        var position = (long)Signature.Length;
        var first = true;
        while (true)
        {
            content.Position = position;
            if (content.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            {
                // Ran out of chunks before IEND: a truncated image.
                return DocumentRefusals.Corrupt;
            }

            var dataLength = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = header[4..];
            if (dataLength > int.MaxValue || !IsChunkType(type) || (first && !type.SequenceEqual("IHDR"u8)))
            {
                return DocumentRefusals.Corrupt;
            }

            // Length and type, the data, then the CRC (not checked: a wrong CRC hides nothing).
            var next = position + 8 + dataLength + 4;
            if (next > length)
            {
                return DocumentRefusals.Corrupt;
            }

            if (type.SequenceEqual("IEND"u8))
            {
                return next == length ? DocumentTypes.Png : DocumentRefusals.Polyglot;
            }

            position = next;
            first = false;
        }
    }

    private static bool IsChunkType(ReadOnlySpan<byte> type)
    {
        foreach (var b in type)
        {
            if (!char.IsAsciiLetter((char)b))
            {
                return false;
            }
        }

        return true;
    }
}
