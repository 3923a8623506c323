using System.IO.Compression;
using System.Xml;

namespace Loans.Application.Documents;

/// <summary>
/// A ZIP is accepted only as a Word document without macros, embedded controls or external objects,
/// whose every part really decompresses within the bomb limits. Any other archive (a plain zip, a
/// workbook, a Java archive) is not an accepted type.
/// </summary>
internal sealed class DocxInspection(ZipBombLimits limits)
{
    private const string ContentTypesPart = "[Content_Types].xml";
    private const string MainPart = "word/document.xml";
    private const string MainContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

    // Package part names compare without regard to case (ECMA-376 part 2), and so does Word.
    private static readonly StringComparer PartNames = StringComparer.OrdinalIgnoreCase;

    private static readonly string[] MacroContentTypes = ["macroEnabled", "vbaProject", "vbaData", "activeX"];

    private static readonly HashSet<string> MacroRelationships =
        new(["vbaProject", "wordVbaData", "keyMapCustomizations", "activeXControl", "activeXControlBinary", "oleObject"], StringComparer.OrdinalIgnoreCase);

    // The XML parts read here are small; a DTD could expand entities, and nothing here needs one.
    private static readonly XmlReaderSettings Xml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 4 * 1024 * 1024,
        IgnoreComments = true,
    };

    public UploadOutcome<string> Inspect(Stream content, CancellationToken cancellationToken)
    {
        var directory = ZipDirectory.Read(content, limits.MaxEntries);
        switch (directory.Status)
        {
            case ZipDirectoryStatus.Unreadable:
                return DocumentRefusals.Corrupt;
            case ZipDirectoryStatus.TrailingData:
                return DocumentRefusals.Polyglot;
        }

        if (directory.Entries > limits.MaxEntries)
        {
            return DocumentRefusals.ZipBomb;
        }

        try
        {
            content.Position = 0;
            using var archive = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            return Inspect(archive, directory, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or NotSupportedException)
        {
            // Broken headers, a bad CRC, an unknown compression method, or XML that is not XML.
            return DocumentRefusals.Corrupt;
        }
    }

    private UploadOutcome<string> Inspect(ZipArchive archive, ZipDirectory directory, CancellationToken cancellationToken)
    {
        var parts = new Dictionary<string, ZipArchiveEntry>(PartNames);
        foreach (var entry in archive.Entries)
        {
            // Two entries with one name: a checker may read one and Word the other.
            if (!parts.TryAdd(entry.FullName.Replace('\\', '/'), entry))
            {
                return DocumentRefusals.Corrupt;
            }
        }

        if (!parts.TryGetValue(ContentTypesPart, out var contentTypes) || !parts.ContainsKey(MainPart))
        {
            return DocumentRefusals.UnsupportedType;
        }

        if (directory.AnyEncrypted)
        {
            return DocumentRefusals.Encrypted;
        }

        if (parts.Keys.Any(IsMacroPart))
        {
            return DocumentRefusals.Macros;
        }

        var inflated = 0L;
        foreach (var entry in archive.Entries)
        {
            var measured = Measure(entry, limits.MaxTotalUncompressedBytes - inflated, cancellationToken);
            if (measured < 0)
            {
                return DocumentRefusals.ZipBomb;
            }

            inflated += measured;
        }

        var declared = DeclaredTypes(contentTypes, out var mainType);
        if (declared == PartVerdict.Macros)
        {
            return DocumentRefusals.Macros;
        }

        if (!MainContentType.Equals(mainType, StringComparison.OrdinalIgnoreCase))
        {
            // No main document declared, a template, or another kind of package that happens to have a word/document.xml.
            return DocumentRefusals.UnsupportedType;
        }

        foreach (var (name, entry) in parts)
        {
            if (!name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            switch (Relationships(entry))
            {
                case PartVerdict.Macros:
                    return DocumentRefusals.Macros;
                case PartVerdict.ExternalObject:
                    return DocumentRefusals.ActiveContent;
            }
        }

        return DocumentTypes.Docx;
    }

    // VBA projects (and their data), ActiveX controls, and embedded OLE binaries: everything that runs code.
    private static bool IsMacroPart(string name)
    {
        var fileName = name[(name.LastIndexOf('/') + 1)..];
        return fileName.Equals("vbaProject.bin", StringComparison.OrdinalIgnoreCase)
            || fileName.Equals("vbaData.xml", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("word/activeX/", StringComparison.OrdinalIgnoreCase)
            || (name.StartsWith("word/embeddings/", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".bin", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The entry's real decompressed size, counted while reading, or -1 once it breaks a limit: more
    /// than <paramref name="budget"/> bytes, or above the ratio once past the size where the ratio counts.
    /// </summary>
    private long Measure(ZipArchiveEntry entry, long budget, CancellationToken cancellationToken)
    {
        var ratioCap = Math.Max(limits.RatioCheckedAboveBytes, entry.CompressedLength * limits.MaxRatio);
        var buffer = new byte[UploadSpool.BufferSize];
        var total = 0L;
        using var data = entry.Open();
        int read;
        while ((read = data.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            total += read;
            if (total > budget || total > ratioCap)
            {
                return -1;
            }
        }

        return total;
    }

    /// <summary>
    /// Reads [Content_Types].xml: the main document part's type (null when not declared), and whether
    /// any part is declared as a macro-enabled document or a VBA project, whatever its name.
    /// </summary>
    private static PartVerdict DeclaredTypes(ZipArchiveEntry contentTypes, out string? mainType)
    {
        mainType = null;
        var verdict = PartVerdict.Clean;
        using var stream = contentTypes.Open();
        using var reader = XmlReader.Create(stream, Xml);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName is not ("Override" or "Default"))
            {
                continue;
            }

            var type = reader.GetAttribute("ContentType") ?? "";
            if (MacroContentTypes.Any(macro => type.Contains(macro, StringComparison.OrdinalIgnoreCase)))
            {
                verdict = PartVerdict.Macros;
            }

            if (reader.LocalName == "Override" && PartNames.Equals(reader.GetAttribute("PartName"), "/" + MainPart))
            {
                mainType = type;
            }
        }

        return verdict;
    }

    /// <summary>
    /// Reads a relationships part. Word finds a VBA project, ActiveX control or OLE object through its
    /// relationship type, whatever the target part is called, so the types are checked, not only names.
    /// A relationship outside the package to anything but a hyperlink is a remote template or object,
    /// fetched and run when the document opens (the Follina attack used one).
    /// </summary>
    private static PartVerdict Relationships(ZipArchiveEntry relationships)
    {
        using var stream = relationships.Open();
        using var reader = XmlReader.Create(stream, Xml);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Relationship")
            {
                continue;
            }

            var type = reader.GetAttribute("Type") ?? "";
            var kind = type[(type.LastIndexOf('/') + 1)..];
            if (MacroRelationships.Contains(kind))
            {
                return PartVerdict.Macros;
            }

            if (string.Equals(reader.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase) && kind != "hyperlink")
            {
                return PartVerdict.ExternalObject;
            }
        }

        return PartVerdict.Clean;
    }

    private enum PartVerdict
    {
        Clean,
        Macros,
        ExternalObject,
    }
}
