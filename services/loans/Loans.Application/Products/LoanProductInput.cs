using Loans.Domain.Bookings;
using Loans.Domain.Products;
using Platform.SharedKernel;

namespace Loans.Application.Products;

/// <summary>A product as an admin sends it; the code is taken on create and ignored on update (it is the product's identity).</summary>
public sealed record LoanProductInput(
    string? Code, string? Name, string? Currency, RateType? RateType, decimal? MinRatePercent, decimal? MaxRatePercent, int? MinTermMonths, int? MaxTermMonths, bool? Active)
{
    public Result<ProductTerms> ToTerms()
    {
        var errors = new FieldErrors();
        errors.Check("rateType", RateType is not null, "Required.");
        errors.Check("minRatePercent", MinRatePercent is not null, "Required.");
        errors.Check("maxRatePercent", MaxRatePercent is not null, "Required.");
        errors.Check("minTermMonths", MinTermMonths is not null, "Required.");
        errors.Check("maxTermMonths", MaxTermMonths is not null, "Required.");
        return errors.Count > 0
            ? Error.Validation(errors.ToDictionary())
            : new ProductTerms(Name ?? string.Empty, Currency ?? string.Empty, RateType!.Value, MinRatePercent!.Value, MaxRatePercent!.Value,
                MinTermMonths!.Value, MaxTermMonths!.Value, Active ?? true);
    }
}
