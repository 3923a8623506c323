using Loans.Domain.Bookings;
using Platform.SharedKernel;

namespace Loans.Application.Bookings;

/// <summary>A booking's terms as a client sends them; every field is checked, a missing one is a field error rather than a default.</summary>
public sealed record LoanTermsInput(
    string? Borrower,
    string? ProductCode,
    FacilityType? FacilityType,
    decimal? Principal,
    string? Currency,
    RateType? RateType,
    decimal? FixedRatePercent,
    Benchmark? Benchmark,
    int? MarginBps,
    DateOnly? StartDate,
    DateOnly? MaturityDate,
    RepaymentFrequency? RepaymentFrequency,
    IReadOnlyList<LoanFeeInput>? Fees,
    IReadOnlyList<LoanCovenantInput>? Covenants)
{
    public Result<LoanTerms> ToTerms()
    {
        var errors = new FieldErrors();
        errors.Check("facilityType", FacilityType is not null, "Required.");
        errors.Check("principal", Principal is not null, "Required.");
        errors.Check("rateType", RateType is not null, "Required.");
        errors.Check("startDate", StartDate is not null, "Required.");
        errors.Check("maturityDate", MaturityDate is not null, "Required.");
        errors.Check("repaymentFrequency", RepaymentFrequency is not null, "Required.");
        var fees = Fees ?? [];
        for (var i = 0; i < fees.Count; i++)
        {
            errors.Check($"fees[{i}].kind", fees[i]?.Kind is not null, "Required.");
        }

        var covenants = Covenants ?? [];
        for (var i = 0; i < covenants.Count; i++)
        {
            errors.Check($"covenants[{i}].kind", covenants[i]?.Kind is not null, "Required.");
            errors.Check($"covenants[{i}].value", covenants[i]?.Value is not null, "Required.");
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors.ToDictionary());
        }

        return new LoanTerms
        {
            Borrower = Borrower ?? string.Empty,
            ProductCode = ProductCode ?? string.Empty,
            FacilityType = FacilityType!.Value,
            Principal = Principal!.Value,
            Currency = Currency ?? string.Empty,
            RateType = RateType!.Value,
            FixedRatePercent = FixedRatePercent,
            Benchmark = Benchmark,
            MarginBps = MarginBps,
            StartDate = StartDate!.Value,
            MaturityDate = MaturityDate!.Value,
            RepaymentFrequency = RepaymentFrequency!.Value,
            Fees = [.. fees.Select(fee => new LoanFee(fee.Kind!.Value, fee.Bps, fee.Amount))],
            Covenants = [.. covenants.Select(covenant => new LoanCovenant(covenant.Kind!.Value, covenant.Value!.Value))],
        };
    }
}

public sealed record LoanFeeInput(FeeKind? Kind, int? Bps, decimal? Amount);

public sealed record LoanCovenantInput(CovenantKind? Kind, decimal? Value);
