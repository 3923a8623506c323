using Loans.Domain.Bookings;
using Platform.SharedKernel;

namespace Loans.Domain.Products;

/// <summary>
/// A loan the desk offers: its currency, how it is priced and the ranges a booking must fall in. The
/// rate range is the fixed rate for fixed-rate products and the margin over the benchmark for
/// floating ones, both in per cent per annum.
/// </summary>
public sealed class LoanProduct : AggregateRoot, IAudited
{
    private LoanProduct()
    {
    }

    public string Code { get; private set; } = null!;
    public string Name { get; private set; } = null!;
    public string Currency { get; private set; } = null!;
    public RateType RateType { get; private set; }
    public decimal MinRatePercent { get; private set; }
    public decimal MaxRatePercent { get; private set; }
    public int MinTermMonths { get; private set; }
    public int MaxTermMonths { get; private set; }
    public bool Active { get; private set; }

    public static Result<LoanProduct> Create(string code, ProductTerms terms, LoanActor actor, DateTimeOffset now)
    {
        if (!actor.IsAdmin)
        {
            return LoanProductErrors.AdminOnly;
        }

        code = code.Trim().ToUpperInvariant();
        var errors = ProductRules.Validate(code, terms);
        if (errors.Count > 0)
        {
            return Error.Validation(errors.ToDictionary());
        }

        var product = new LoanProduct { Id = Guid.CreateVersion7(now), Code = code };
        product.Apply(terms);
        return product;
    }

    public Result Update(ProductTerms terms, LoanActor actor)
    {
        if (!actor.IsAdmin)
        {
            return LoanProductErrors.AdminOnly;
        }

        var errors = ProductRules.Validate(Code, terms);
        if (errors.Count > 0)
        {
            return Error.Validation(errors.ToDictionary());
        }

        Apply(terms);
        return Result.Ok();
    }

    /// <summary>Field errors of a booking's terms against this product (currency, pricing, term); empty when they fit.</summary>
    public void Check(LoanTerms terms, FieldErrors errors)
    {
        errors.Check("productCode", Active, $"Product {Code} is not active.");
        errors.Check("currency", terms.Currency == Currency, $"Product {Code} lends in {Currency}.");
        errors.Check("rateType", terms.RateType == RateType, $"Product {Code} is {EnumText.Name(RateType)}-rate.");
        var rate = terms.RateType == RateType.Fixed ? terms.FixedRatePercent : terms.MarginBps / 100m;
        if (rate is { } percent && terms.RateType == RateType)
        {
            var field = RateType == RateType.Fixed ? "fixedRatePercent" : "marginBps";
            errors.Check(field, percent >= MinRatePercent && percent <= MaxRatePercent,
                $"Product {Code} allows {MinRatePercent}% to {MaxRatePercent}%{(RateType == RateType.Floating ? " over the benchmark" : string.Empty)}.");
        }

        var months = terms.TermMonths;
        errors.Check("maturityDate", months >= MinTermMonths && months <= MaxTermMonths,
            $"Product {Code} allows terms of {MinTermMonths} to {MaxTermMonths} months; these terms run {months}.");
    }

    private void Apply(ProductTerms terms)
    {
        Name = terms.Name.Trim();
        Currency = terms.Currency.Trim().ToUpperInvariant();
        RateType = terms.RateType;
        MinRatePercent = terms.MinRatePercent;
        MaxRatePercent = terms.MaxRatePercent;
        MinTermMonths = terms.MinTermMonths;
        MaxTermMonths = terms.MaxTermMonths;
        Active = terms.Active;
    }
}
