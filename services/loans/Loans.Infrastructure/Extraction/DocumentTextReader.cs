using Loans.Application.Extraction;

namespace Loans.Infrastructure.Extraction;

/// <summary>Reads a term sheet by its sniffed content type.</summary>
internal sealed class DocumentTextReader(PdfTextReader pdf, ImageTextReader image) : IDocumentTextReader
{
    public Task<DocumentText> ReadAsync(Stream content, string contentType, CancellationToken cancellationToken) => contentType switch
    {
        DocumentContentTypes.Pdf => pdf.ReadAsync(content, cancellationToken),
        DocumentContentTypes.Docx => DocxTextReader.ReadAsync(content, cancellationToken),
        DocumentContentTypes.PlainText => PlainTextReader.ReadAsync(content, cancellationToken),
        DocumentContentTypes.Png or DocumentContentTypes.Jpeg => image.ReadAsync(content, cancellationToken),
        _ => throw new NotSupportedException($"Term sheets of type '{contentType}' cannot be read."),
    };
}
