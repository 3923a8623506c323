namespace Loans.Application.Extraction.Rules;

/// <summary>
/// The value written after a label at the start of a line ("Borrower: X", "Borrower | X", "Borrower X"),
/// or on the next line when the label stands alone (a table cell a PDF split over two lines).
/// </summary>
internal sealed record LabelledValue(TermSheetPage Page, int LabelIndex, string Value, bool ExplicitSeparator)
{
    public decimal Confidence => Rules.Confidence.ForSeparator(ExplicitSeparator);

    public string Snippet => Snippets.Around(Page.Text, LabelIndex);
}
