namespace Loans.Application.Extraction.Rules;

/// <summary>An amount written in figures, with its ISO currency code and where it was found.</summary>
internal sealed record MoneyAmount(decimal Amount, string Currency, int Index, int Length);
