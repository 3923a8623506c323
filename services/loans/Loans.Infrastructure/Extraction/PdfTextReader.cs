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
        // PdfPig needs random access. A stream from the file-system store has it; one from S3 is spilled
        // to a temporary file rather than to memory, so a 20 MB scan never sits in the heap twice.
        await using var spill = content.CanSeek ? null : await SpillAsync(content, cancellationToken);
        using var document = PdfDocument.Open(spill ?? content);
        var pages = new List<DocumentPage>();
        var needsOcr = false;
        var characters = 0;
        foreach (var page in document.GetPages().Take(DocumentText.MaxPages))
        {
            if (characters >= DocumentText.MaxCharacters)
            {
                break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var text = PdfLines.Text(page.GetWords());
            if (string.IsNullOrWhiteSpace(text) && page.GetImages().Any())
            {
                var scanned = await ReadScanAsync(page, cancellationToken);
                needsOcr |= scanned is null;
                text = scanned ?? "";
            }

            characters += text.Length;
            pages.Add(new DocumentPage(page.Number, text));
        }

        return new DocumentText(pages, needsOcr);
    }

    private static async Task<FileStream> SpillAsync(Stream content, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.Combine(Path.GetTempPath(), Path.GetRandomFileName()), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await content.CopyToAsync(file, cancellationToken);
        file.Position = 0;
        return file;
    }

    /// <summary>The OCR text of a scanned page's images, or null when any of them could not be read.</summary>
    private async Task<string?> ReadScanAsync(Page page, CancellationToken cancellationToken)
    {
        // Without an OCR engine, decoding a full-page scan into a PNG would cost tens of megabytes for nothing.
        if (!ocr.IsAvailable)
        {
            return null;
        }

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
