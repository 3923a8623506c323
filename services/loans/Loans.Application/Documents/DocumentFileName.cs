using System.Text;
using Microsoft.Net.Http.Headers;
using Platform.SharedKernel;

namespace Loans.Application.Documents;

/// <summary>
/// The client's file name, made safe to keep and to send back. It is only ever a label: storage keys
/// never contain it (see docs/storage.md), so the rules here are about what a person sees and what a
/// browser saves, not about paths on the server.
/// </summary>
public static class DocumentFileName
{
    /// <summary>The name used when nothing is left of the client's (empty, only dots, only a directory).</summary>
    public const string Fallback = "document";

    /// <summary>The common file-system limit for one name, in UTF-8 bytes.</summary>
    public const int MaxUtf8Bytes = 255;

    // An extension longer than this is not one (a name like "minutes.of the board meeting" has none).
    private const int MaxExtensionLength = 16;

    public static readonly Error Invalid = new("document.file_name_invalid",
        "The file name contains control or text-direction characters; rename the file and upload it again.", ErrorKind.Validation);

    /// <summary>
    /// The name without any directory part, trimmed, at most <see cref="MaxUtf8Bytes"/>; refused when it
    /// holds characters that make it display as something else.
    /// </summary>
    public static Result<string> Normalize(string? original)
    {
        // Refused, not stripped: NUL or a line break in a name is never a mistake, and removing a
        // right-to-left override from "invoice\u202Efdp.exe" would silently turn what the user saw
        // into a different name. The uploader is told instead, and renames the file.
        if (original is not null && !IsDisplaySafe(original))
        {
            return Invalid;
        }

        var name = original ?? "";
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        // Windows drops trailing dots and spaces; leading ones hide files or read as ".." segments.
        name = name.Trim(' ', '.');
        return name.Length == 0 ? Fallback : Fit(name);
    }

    /// <summary>
    /// A Content-Disposition value that makes the browser save the document, never show it, under
    /// <paramref name="storedName"/> with the extension of the type the content really is:
    /// an ASCII <c>filename</c> for old clients and the exact name as RFC 5987 <c>filename*</c>.
    /// </summary>
    /// <param name="storedName">A name that went through <see cref="Normalize"/>.</param>
    /// <param name="sniffedContentType">The type <see cref="ContentSniffer"/> reported for the content.</param>
    public static string ContentDispositionFor(string storedName, string sniffedContentType)
    {
        var name = WithExtension(storedName, DocumentTypes.ExtensionFor(sniffedContentType));
        var header = new ContentDispositionHeaderValue("attachment")
        {
            // Quoted by hand: the header type leaves a token-only name unquoted.
            FileName = $"\"{AsciiFallback(name)}\"",
            // Percent-encodes every byte outside RFC 5987's attr-char, control characters included.
            FileNameStar = name,
        };
        return header.ToString();
    }

    private static bool IsDisplaySafe(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            {
                return false;
            }

            // A lone surrogate cannot be written as UTF-8: it would come back as a replacement character.
            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[++i])))
            {
                return false;
            }
        }

        return true;
    }

    private static string WithExtension(string name, string extension)
    {
        var current = ExtensionOf(name);
        var matches = current.Equals(extension, StringComparison.OrdinalIgnoreCase)
            || (extension == ".jpg" && current.Equals(".jpeg", StringComparison.OrdinalIgnoreCase));
        var stem = name[..^current.Length].Trim(' ', '.');
        return Fit((stem.Length == 0 ? Fallback : stem) + (matches ? current : extension));
    }

    /// <summary>Cuts the part before the extension, whole characters at a time, until the name fits in <see cref="MaxUtf8Bytes"/>.</summary>
    private static string Fit(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= MaxUtf8Bytes)
        {
            return name;
        }

        var extension = ExtensionOf(name);
        var budget = MaxUtf8Bytes - Encoding.UTF8.GetByteCount(extension);
        var stem = new StringBuilder();
        foreach (var rune in name[..^extension.Length].EnumerateRunes())
        {
            budget -= rune.Utf8SequenceLength;
            if (budget < 0)
            {
                break;
            }

            stem.Append(rune.ToString());
        }

        var trimmed = stem.ToString().TrimEnd(' ', '.');
        return (trimmed.Length == 0 ? Fallback : trimmed) + extension;
    }

    /// <summary>".pdf" of "a.b.pdf"; empty for none or something too long to be an extension.</summary>
    private static string ExtensionOf(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot >= 0 && name.Length - dot <= MaxExtensionLength ? name[dot..] : "";
    }

    /// <summary>The name as plain ASCII: other characters become '_', and quotes and backslashes go (old clients mishandle escapes).</summary>
    private static string AsciiFallback(string name)
    {
        var extension = ExtensionOf(name);
        var ascii = new StringBuilder(name.Length);
        foreach (var rune in name[..^extension.Length].EnumerateRunes())
        {
            if (rune.Value is '"' or '\\')
            {
                continue;
            }

            ascii.Append(rune.Value is >= 0x20 and < 0x7F ? (char)rune.Value : '_');
        }

        var stem = ascii.ToString().Trim(' ', '.');
        return (stem.Length == 0 ? Fallback : stem) + extension;
    }
}
