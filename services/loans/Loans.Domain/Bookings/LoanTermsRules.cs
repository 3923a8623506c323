using Platform.SharedKernel;

namespace Loans.Domain.Bookings;

/// <summary>
/// The rules a booking's terms keep on their own (the product's ranges are checked by
/// <see cref="Products.LoanProduct.Check"/>). Field names in the errors are the API's.
/// </summary>
public static class LoanTermsRules
{
    public const int BorrowerMaxLength = 200;
    public const int MaxFees = 20;
    public const int MaxCovenants = 20;

    /// <summary>A trillion: no single commercial loan comes near it; a larger figure is a typo.</summary>
    public const decimal MaxPrincipal = 1_000_000_000_000m;

    /// <summary>Margins above 50% are not credit pricing but data-entry errors.</summary>
    public const int MaxMarginBps = 5_000;

    public static LoanTerms Normalize(LoanTerms terms) => terms with
    {
        Borrower = terms.Borrower?.Trim() ?? string.Empty,
        ProductCode = terms.ProductCode?.Trim().ToUpperInvariant() ?? string.Empty,
        Currency = terms.Currency?.Trim().ToUpperInvariant() ?? string.Empty,
        Fees = terms.Fees ?? [],
        Covenants = terms.Covenants ?? [],
    };

    public static FieldErrors Validate(LoanTerms terms)
    {
        var errors = new FieldErrors();
        errors.Text("borrower", terms.Borrower, BorrowerMaxLength, required: true);
        errors.Check("productCode", terms.ProductCode.Length > 0, "Required.");
        errors.Check("facilityType", Enum.IsDefined(terms.FacilityType), $"One of {EnumText.Names<FacilityType>()}.");
        errors.Check("principal", terms.Principal > 0m, "Must be positive.");
        errors.Amount("principal", terms.Principal, integerDigits: 13, scale: 2, maximum: MaxPrincipal);
        errors.Check("currency", Iso4217.IsActive(terms.Currency), "Must be an active ISO 4217 currency code, such as USD.");
        errors.Check("repaymentFrequency", Enum.IsDefined(terms.RepaymentFrequency), $"One of {EnumText.Names<RepaymentFrequency>()}.");
        errors.Check("maturityDate", terms.MaturityDate > terms.StartDate, "Must be after the start date.");

        if (terms.RateType == RateType.Fixed)
        {
            errors.Check("fixedRatePercent", terms.FixedRatePercent is not null, "Required for a fixed-rate loan.");
            errors.Amount("fixedRatePercent", terms.FixedRatePercent, integerDigits: 3, scale: 4, maximum: 100m);
            errors.Check("benchmark", terms.Benchmark is null, "Only floating-rate loans have a benchmark.");
            errors.Check("marginBps", terms.MarginBps is null, "Only floating-rate loans have a margin.");
        }
        else if (terms.RateType == RateType.Floating)
        {
            errors.Check("benchmark", terms.Benchmark is { } benchmark && Enum.IsDefined(benchmark), $"Required for a floating-rate loan: one of {EnumText.Names<Benchmark>()}.");
            errors.Check("marginBps", terms.MarginBps is >= -MaxMarginBps and <= MaxMarginBps, $"Required for a floating-rate loan: basis points between -{MaxMarginBps} and {MaxMarginBps}.");
            errors.Check("fixedRatePercent", terms.FixedRatePercent is null, "Only fixed-rate loans have a fixed rate.");
        }
        else
        {
            errors.Check("rateType", false, $"One of {EnumText.Names<RateType>()}.");
        }

        errors.Check("fees", terms.Fees.Count <= MaxFees, $"At most {MaxFees} fees.");
        for (var i = 0; i < terms.Fees.Count; i++)
        {
            var fee = terms.Fees[i];
            errors.Check($"fees[{i}].kind", Enum.IsDefined(fee.Kind), $"One of {EnumText.Names<FeeKind>()}.");
            errors.Check($"fees[{i}]", (fee.Bps is null) != (fee.Amount is null), "Give either bps or amount.");
            errors.Check($"fees[{i}].bps", fee.Bps is null or (>= 0 and <= 10_000), "Between 0 and 10000.");
            errors.Amount($"fees[{i}].amount", fee.Amount, integerDigits: 13, scale: 2);
        }

        errors.Check("covenants", terms.Covenants.Count <= MaxCovenants, $"At most {MaxCovenants} covenants.");
        for (var i = 0; i < terms.Covenants.Count; i++)
        {
            var covenant = terms.Covenants[i];
            errors.Check($"covenants[{i}].kind", Enum.IsDefined(covenant.Kind), $"One of {EnumText.Names<CovenantKind>()}.");
            errors.Amount($"covenants[{i}].value", covenant.Value, integerDigits: 13, scale: 4);
        }

        return errors;
    }
}
