namespace Loans.Application.Extraction;

/// <summary>Turns an uploaded term sheet into text by page.</summary>
public interface IDocumentTextReader
{
    /// <param name="content">The document's bytes.</param>
    /// <param name="contentType">
    /// The sniffed type, one of <see cref="Documents.DocumentTypes"/>; never the type the uploader claimed.
    /// </param>
    Task<DocumentText> ReadAsync(Stream content, string contentType, CancellationToken cancellationToken);
}
