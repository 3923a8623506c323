using Loans.Application.Extraction;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Loans.Infrastructure.Extraction;

/// <summary>
/// PDF text by page through PdfPig. A page with no text layer but images is a scan: its images go to
/// OCR, and when OCR cannot read them the document is marked as needing OCR.
/// </summary>
internal sealed class PdfTextReader(TesseractOcr ocr)
{
    public async Task<DocumentText> ReadAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        using var document = PdfDocument.Open(buffer.ToArray());
        var pages = new List<DocumentPage>();
        var needsOcr = false;
        foreach (var page in document.GetPages())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = PdfLines.Text(page.GetWords());
            if (string.IsNullOrWhiteSpace(text) && page.GetImages().Any())
            {
                var scanned = await ReadScanAsync(page, cancellationToken);
                needsOcr |= scanned is null;
                text = scanned ?? "";
            }

            pages.Add(new DocumentPage(page.Number, text));
        }

        return new DocumentText(pages, needsOcr);
    }

    /// <summary>The OCR text of a scanned page's images, or null when any of them could not be read.</summary>
    private async Task<string?> ReadScanAsync(Page page, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        foreach (var image in page.GetImages())
        {
            if (ImageBytes(image) is not { } bytes || await ocr.ReadAsync(bytes, cancellationToken) is not { } text)
            {
                return null;
            }

            texts.Add(text);
        }

        return string.Join('\n', texts);
    }

    /// <summary>PNG when PdfPig can decode the image; a JPEG (DCT) image is already a file tesseract reads.</summary>
    private static byte[]? ImageBytes(IPdfImage image)
    {
        if (image.TryGetPng(out var png))
        {
            return png;
        }

        var raw = image.RawMemory.ToArray();
        return raw is [0xFF, 0xD8, ..] ? raw : null;
    }
}
