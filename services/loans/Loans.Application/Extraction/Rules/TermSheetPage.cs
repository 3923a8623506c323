namespace Loans.Application.Extraction.Rules;

/// <summary>One page's text, normalised for matching: lines end in \n, compatibility characters folded.</summary>
internal sealed record TermSheetPage(int Number, string Text);
