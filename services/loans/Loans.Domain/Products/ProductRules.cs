using System.Text.RegularExpressions;
using Platform.SharedKernel;

namespace Loans.Domain.Products;

public static partial class ProductRules
{
    public const int NameMaxLength = 200;

    /// <summary>Longest term a product may allow: 50 years.</summary>
    public const int MaxTermMonths = 600;

    public static FieldErrors Validate(string code, ProductTerms terms)
    {
        var errors = new FieldErrors();
        errors.Check("code", CodePattern().IsMatch(code), "2 to 32 upper-case letters, digits or hyphens, starting with a letter or digit (e.g. CRE-TERM-5Y).");
        errors.Text("name", terms.Name?.Trim(), NameMaxLength, required: true);
        errors.Check("currency", terms.Currency is not null && Iso4217.IsActive(terms.Currency.Trim().ToUpperInvariant()), "Must be an active ISO 4217 currency code, such as USD.");
        errors.Check("rateType", Enum.IsDefined(terms.RateType), $"One of {EnumText.Names<Bookings.RateType>()}.");
        errors.Amount("minRatePercent", terms.MinRatePercent, integerDigits: 3, scale: 4);
        errors.Amount("maxRatePercent", terms.MaxRatePercent, integerDigits: 3, scale: 4, maximum: 100m);
        errors.Check("maxRatePercent", terms.MaxRatePercent >= terms.MinRatePercent, "Must not be below minRatePercent.");
        errors.Check("minTermMonths", terms.MinTermMonths is >= 1 and <= MaxTermMonths, $"Between 1 and {MaxTermMonths}.");
        errors.Check("maxTermMonths", terms.MaxTermMonths is >= 1 and <= MaxTermMonths, $"Between 1 and {MaxTermMonths}.");
        errors.Check("maxTermMonths", terms.MaxTermMonths >= terms.MinTermMonths, "Must not be below minTermMonths.");
        return errors;
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{1,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
