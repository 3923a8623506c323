namespace Loans.Domain.Bookings;

/// <summary>A fee on the loan: either basis points (of the commitment, drawn or undrawn amount, by kind) or a flat amount in the loan's currency.</summary>
public sealed record LoanFee(FeeKind Kind, int? Bps, decimal? Amount);
