namespace Loans.Application.Extraction;

/// <summary>The text of one page of an uploaded document; <see cref="Number"/> is 1-based.</summary>
public sealed record DocumentPage(int Number, string Text);
