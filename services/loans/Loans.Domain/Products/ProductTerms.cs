using Loans.Domain.Bookings;

namespace Loans.Domain.Products;

/// <summary>A product's editable fields (the code is its identity and never changes).</summary>
public sealed record ProductTerms(
    string Name, string Currency, RateType RateType, decimal MinRatePercent, decimal MaxRatePercent, int MinTermMonths, int MaxTermMonths, bool Active);
