using Loans.Application.Extraction;

namespace Loans.Infrastructure.Extraction;

/// <summary>A scanned page as PNG or JPEG: one page of OCR text, or an empty page that needs OCR.</summary>
internal sealed class ImageTextReader(TesseractOcr ocr)
{
    public async Task<DocumentText> ReadAsync(Stream content, CancellationToken cancellationToken)
    {
        if (!ocr.IsAvailable)
        {
            return new DocumentText([new DocumentPage(1, "")], NeedsOcr: true);
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        var text = await ocr.ReadAsync(buffer.ToArray(), cancellationToken);
        return new DocumentText([new DocumentPage(1, text ?? "")], NeedsOcr: text is null);
    }
}
