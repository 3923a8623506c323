using Loans.Application.Documents;
using Loans.Application.Extraction;

namespace Loans.Infrastructure.Extraction;

/// <summary>Reads a term sheet by its sniffed content type.</summary>
internal sealed class DocumentTextReader(PdfTextReader pdf, ImageTextReader image) : IDocumentTextReader
{
    public Task<DocumentText> ReadAsync(Stream content, string contentType, CancellationToken cancellationToken) => contentType switch
    {
        DocumentTypes.Pdf => pdf.ReadAsync(content, cancellationToken),
        DocumentTypes.Docx => DocxTextReader.ReadAsync(content, cancellationToken),
        DocumentTypes.PlainText => PlainTextReader.ReadAsync(content, cancellationToken),
        DocumentTypes.Png or DocumentTypes.Jpeg => image.ReadAsync(content, cancellationToken),
        _ => throw new NotSupportedException($"Term sheets of type '{contentType}' cannot be read."),
    };
}
