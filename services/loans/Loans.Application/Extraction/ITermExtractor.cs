namespace Loans.Application.Extraction;

/// <summary>
/// Finds a loan's terms in a document's text. Engines are interchangeable behind this interface (rules
/// today; a model-based engine falling back to rules later, see docs/loans-extraction.md).
/// </summary>
public interface ITermExtractor
{
    Task<TermExtraction> ExtractAsync(DocumentText text, CancellationToken cancellationToken);
}
