namespace Loans.Application.Extraction;

/// <summary>
/// The names of the extracted fields and the shape of their values. <see cref="Fee"/> and
/// <see cref="Covenant"/> may occur several times, every other field at most once.
/// </summary>
public static class TermFields
{
    /// <summary>Legal name as written, without a leading "The".</summary>
    public const string Borrower = "borrower";

    /// <summary>Facility amount, invariant decimal with 2 decimals ("25000000.00").</summary>
    public const string Principal = "principal";

    /// <summary>ISO 4217 code.</summary>
    public const string Currency = "currency";

    /// <summary><c>fixed</c> or <c>floating</c>.</summary>
    public const string RateType = "rateType";

    /// <summary>Percent per annum ("6.25"), fixed-rate loans only.</summary>
    public const string FixedRatePercent = "fixedRatePercent";

    /// <summary>SOFR, EURIBOR, SONIA, ESTR, PRIME, CORRA, SARON or TONA; floating-rate loans only.</summary>
    public const string Benchmark = "benchmark";

    /// <summary>Integer basis points over the benchmark (not the default-interest margin).</summary>
    public const string MarginBps = "marginBps";

    /// <summary>yyyy-MM-dd.</summary>
    public const string MaturityDate = "maturityDate";

    /// <summary>termLoan, revolvingCredit, delayedDrawTermLoan, bridgeLoan or letterOfCredit.</summary>
    public const string FacilityType = "facilityType";

    /// <summary><c>kind:NNbps</c> or <c>kind:amount</c> ("upfront:50bps", "agency:50000.00").</summary>
    public const string Fee = "fee";

    /// <summary><c>kind:value</c> with 2 decimals ("maxLeverage:3.50", "minLiquidity:10000000.00").</summary>
    public const string Covenant = "covenant";

    public static bool IsRepeatable(string field) => field is Fee or Covenant;
}
