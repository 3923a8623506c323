namespace Loans.Domain.Bookings;

/// <summary>A financial covenant: a ratio (leverage 3.50 = 3.50x), a percentage (loan-to-value 65.00) or an amount in the loan's currency, by kind.</summary>
public sealed record LoanCovenant(CovenantKind Kind, decimal Value);
