namespace Loans.Domain.Bookings;

/// <summary>What the officer books: every field a credit approver signs off on.</summary>
public sealed record LoanTerms
{
    public string Borrower { get; init; } = string.Empty;
    public string ProductCode { get; init; } = string.Empty;
    public FacilityType FacilityType { get; init; }
    public decimal Principal { get; init; }
    public string Currency { get; init; } = string.Empty;
    public RateType RateType { get; init; }

    /// <summary>Per cent per annum; fixed-rate loans only.</summary>
    public decimal? FixedRatePercent { get; init; }

    public Benchmark? Benchmark { get; init; }

    /// <summary>Basis points over the benchmark; floating-rate loans only.</summary>
    public int? MarginBps { get; init; }

    public DateOnly StartDate { get; init; }
    public DateOnly MaturityDate { get; init; }
    public RepaymentFrequency RepaymentFrequency { get; init; }
    public IReadOnlyList<LoanFee> Fees { get; init; } = [];
    public IReadOnlyList<LoanCovenant> Covenants { get; init; } = [];

    /// <summary>Whole months from start to maturity (a maturity short of the start day's date in its month counts the month not yet complete).</summary>
    public int TermMonths
    {
        get
        {
            var months = ((MaturityDate.Year - StartDate.Year) * 12) + MaturityDate.Month - StartDate.Month;
            return StartDate.AddMonths(months) > MaturityDate ? months - 1 : months;
        }
    }

    public bool SameAs(LoanTerms other) =>
        Borrower == other.Borrower && ProductCode == other.ProductCode && FacilityType == other.FacilityType && Principal == other.Principal
        && Currency == other.Currency && RateType == other.RateType && FixedRatePercent == other.FixedRatePercent && Benchmark == other.Benchmark
        && MarginBps == other.MarginBps && StartDate == other.StartDate && MaturityDate == other.MaturityDate
        && RepaymentFrequency == other.RepaymentFrequency && Fees.SequenceEqual(other.Fees) && Covenants.SequenceEqual(other.Covenants);
}
