using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Loans.Tests.Documents;

/// <summary>Every sample file the document tests need, built in memory: nothing is checked in.</summary>
internal static class DocumentSamples
{
    public const string DocxMainType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    public const string DocmMainType = "application/vnd.ms-word.document.macroEnabled.main+xml";

    /// <summary>A small, valid one-page PDF with a line of text; <paramref name="extraObject"/> is added as object 5.</summary>
    public static byte[] Pdf(string? extraObject = null, string? streamContent = null)
    {
        var text = streamContent ?? "BT /F1 12 Tf 72 720 Td (Signed loan agreement) Tj ET";
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
            $"<< /Length {Encoding.Latin1.GetByteCount(text)} >>\nstream\n{text}\nendstream",
        };
        if (extraObject is not null)
        {
            objects.Add(extraObject);
        }

        var pdf = new StringBuilder("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(pdf.ToString()));
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.Latin1.GetByteCount(pdf.ToString());
        pdf.Append($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }

        pdf.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }

    /// <summary>A Word document with the parts Word itself writes; <paramref name="extraParts"/> are added or replace parts.</summary>
    public static byte[] Docx(string mainType = DocxMainType, IReadOnlyDictionary<string, byte[]>? extraParts = null, string? documentRelationships = null)
    {
        var parts = DocxParts(mainType, documentRelationships);
        foreach (var (name, content) in extraParts ?? new Dictionary<string, byte[]>())
        {
            parts[name] = content;
        }

        return Zip(parts);
    }

    private static Dictionary<string, byte[]> DocxParts(string mainType = DocxMainType, string? documentRelationships = null) =>
        new()
        {
            ["[Content_Types].xml"] = Encoding.UTF8.GetBytes($"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                  <Default Extension="xml" ContentType="application/xml"/>
                  <Override PartName="/word/document.xml" ContentType="{mainType}"/>
                </Types>
                """),
            ["_rels/.rels"] = Encoding.UTF8.GetBytes("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
                </Relationships>
                """),
            ["word/document.xml"] = Encoding.UTF8.GetBytes("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
                  <w:body><w:p><w:r><w:t>Signed loan agreement</w:t></w:r></w:p></w:body>
                </w:document>
                """),
            ["word/_rels/document.xml.rels"] = Encoding.UTF8.GetBytes(documentRelationships ?? """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.com/terms" TargetMode="External"/>
                </Relationships>
                """),
        };

    /// <summary>A document relationships part with one relationship of the given type.</summary>
    public static string Relationships(string type, string target, bool external) => $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
          <Relationship Id="rId9" Type="{type}" Target="{target}"{(external ? " TargetMode=\"External\"" : "")}/>
        </Relationships>
        """;

    /// <summary>An Excel workbook's parts, as a zip renamed to anything.</summary>
    public static byte[] Xlsx() => Zip(new Dictionary<string, byte[]>
    {
        ["[Content_Types].xml"] = Encoding.UTF8.GetBytes("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
              <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
            </Types>
            """),
        ["xl/workbook.xml"] = Encoding.UTF8.GetBytes("<workbook/>"),
    });

    public static byte[] Zip(IReadOnlyDictionary<string, byte[]> entries)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(content);
            }
        }

        return zip.ToArray();
    }

    /// <summary>
    /// A Word document with one more part of <paramref name="zeroBytes"/> zeros, deflated while it is
    /// generated from one small buffer: the archive is a few hundred kilobytes, nothing else is held.
    /// </summary>
    public static byte[] DocxWithZeros(long zeroBytes, int copies = 1)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in DocxParts())
            {
                using var part = archive.CreateEntry(name).Open();
                part.Write(content);
            }

            var zeros = new byte[1024 * 1024];
            for (var copy = 0; copy < copies; copy++)
            {
                using var entry = archive.CreateEntry($"word/media/zeros{copy}.bin", CompressionLevel.Fastest).Open();
                for (var written = 0L; written < zeroBytes; written += zeros.Length)
                {
                    entry.Write(zeros, 0, (int)Math.Min(zeros.Length, zeroBytes - written));
                }
            }
        }

        return zip.ToArray();
    }

    /// <summary>A 1x1 grey PNG with a correct IHDR, IDAT and IEND.</summary>
    public static byte[] Png()
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, 1);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 1);
        header[8] = 8; // bit depth; colour type 0 (grey), deflate, no filter, no interlace
        WriteChunk(png, "IHDR", header);
        using (var pixels = new MemoryStream())
        {
            using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write([0x00, 0x80]); // filter "none", one grey pixel
            }

            WriteChunk(png, "IDAT", pixels.ToArray());
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(number, (uint)data.Length);
        png.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>
    /// A baseline JPEG's structure: JFIF, an EXIF segment carrying a thumbnail (with its own FF D9), tables,
    /// a frame, a scan whose data holds a stuffed FF 00 and a restart marker, then EOI.
    /// </summary>
    public static byte[] Jpeg()
    {
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        Segment(jpeg, 0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        Segment(jpeg, 0xE1, [.. "Exif\0\0"u8, 0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x02, 0xFF, 0xD9]);
        Segment(jpeg, 0xDB, [0x00, .. Enumerable.Repeat((byte)1, 64)]);
        Segment(jpeg, 0xC0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]);
        Segment(jpeg, 0xC4, [0x00, 0, 1, .. new byte[15], 0]);
        Segment(jpeg, 0xDA, [1, 1, 0x00, 0, 63, 0]);
        jpeg.Write([0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0x78]);
        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    private static void Segment(Stream jpeg, byte marker, byte[] data)
    {
        jpeg.Write([0xFF, marker, (byte)((data.Length + 2) >> 8), (byte)(data.Length + 2)]);
        jpeg.Write(data);
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(part => part).ToArray();
}
