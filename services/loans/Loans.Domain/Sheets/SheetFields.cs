using System.Globalization;
using Platform.SharedKernel;

namespace Loans.Domain.Sheets;

/// <summary>
/// The fields of a booking sheet, which are the fields the extraction engine finds, and the canonical
/// spelling of their values (the engine writes exactly these): decimals with a dot, ISO dates and
/// currency codes, camelCase kinds.
/// </summary>
public static class SheetFields
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

    /// <summary><c>kind:NNbps</c> or <c>kind:amount</c> ("upfront:50bps", "agency:50000.00"); may occur several times.</summary>
    public const string Fee = "fee";

    /// <summary><c>kind:value</c> with 2 decimals ("maxLeverage:3.50", "minLiquidity:10000000.00"); may occur several times.</summary>
    public const string Covenant = "covenant";

    public const int ValueMaxLength = 200;
    public const int MaxItems = 20;

    public static readonly IReadOnlyList<string> All =
        [Borrower, Principal, Currency, RateType, FixedRatePercent, Benchmark, MarginBps, MaturityDate, FacilityType, Fee, Covenant];

    public static bool IsList(string field) => field is Fee or Covenant;

    private static readonly HashSet<string> Benchmarks = new(StringComparer.Ordinal) { "SOFR", "EURIBOR", "SONIA", "ESTR", "PRIME", "CORRA", "SARON", "TONA" };
    private static readonly HashSet<string> FacilityTypes = new(StringComparer.Ordinal) { "termLoan", "revolvingCredit", "delayedDrawTermLoan", "bridgeLoan", "letterOfCredit" };
    private static readonly HashSet<string> FeeKinds = new(StringComparer.Ordinal) { "upfront", "commitment", "arrangement", "agency", "utilization", "prepayment" };
    private static readonly HashSet<string> CovenantKinds = new(StringComparer.Ordinal)
    {
        "maxLeverage", "minInterestCoverage", "minFixedChargeCoverage", "minDebtServiceCoverage", "maxLoanToValue", "minLiquidity", "minNetWorth", "maxCapex",
    };

    /// <summary>Why <paramref name="value"/> is not a valid value of <paramref name="field"/>, or null.</summary>
    public static string? Problem(string field, string value)
    {
        if (value.Length is 0 or > ValueMaxLength || ClientText.Problem(value, multiLine: false) is not null)
        {
            return $"A value of 1 to {ValueMaxLength} characters without control characters.";
        }

        return field switch
        {
            Borrower => null,
            Principal => IsDecimal(value, positive: true) ? null : "A positive amount such as 25000000.00.",
            Currency => Iso4217.IsActive(value) ? null : "An active ISO 4217 code such as USD.",
            RateType => value is "fixed" or "floating" ? null : "fixed or floating.",
            FixedRatePercent => IsDecimal(value, positive: false) ? null : "Per cent per annum such as 6.25.",
            Benchmark => Benchmarks.Contains(value) ? null : $"One of {string.Join(", ", Benchmarks)}.",
            MarginBps => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? null : "Whole basis points such as 275.",
            MaturityDate => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? null : "An ISO date such as 2031-06-30.",
            FacilityType => FacilityTypes.Contains(value) ? null : $"One of {string.Join(", ", FacilityTypes)}.",
            Fee => KindAndFigure(value, FeeKinds, allowBps: true),
            Covenant => KindAndFigure(value, CovenantKinds, allowBps: false),
            _ => "Not a booking sheet field.",
        };
    }

    private static string? KindAndFigure(string value, HashSet<string> kinds, bool allowBps)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? value : value[..colon];
        var figure = colon < 0 ? string.Empty : value[(colon + 1)..];
        var ok = kinds.Contains(kind) && (IsDecimal(figure, positive: false) || (allowBps && figure.EndsWith("bps", StringComparison.Ordinal)
            && int.TryParse(figure[..^3], NumberStyles.None, CultureInfo.InvariantCulture, out _)));
        return ok ? null : $"kind:figure, kind one of {string.Join(", ", kinds)}{(allowBps ? "; figure an amount such as 50000.00 or basis points such as 50bps" : "; figure such as 3.50")}.";
    }

    private static bool IsDecimal(string value, bool positive) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && (!positive || number > 0m);
}
