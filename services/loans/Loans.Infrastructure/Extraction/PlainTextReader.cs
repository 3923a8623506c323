using System.Text;
using Loans.Application.Extraction;

namespace Loans.Infrastructure.Extraction;

/// <summary>UTF-8 text (a byte-order mark may name another encoding); a form feed starts a new page.</summary>
internal static class PlainTextReader
{
    public static async Task<DocumentText> ReadAsync(Stream content, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var buffer = new char[DocumentText.MaxCharacters];
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        var text = new string(buffer, 0, read);
        var parts = text.Split('\f');
        // A form feed at the very end closes the last page rather than opening an empty one.
        var count = parts.Length > 1 && string.IsNullOrWhiteSpace(parts[^1]) ? parts.Length - 1 : parts.Length;
        var pages = parts.Take(Math.Min(count, DocumentText.MaxPages)).Select((page, index) => new DocumentPage(index + 1, page)).ToList();
        return new DocumentText(pages, NeedsOcr: false);
    }
}
