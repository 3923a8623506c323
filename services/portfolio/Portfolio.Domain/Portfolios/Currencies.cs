using Platform.SharedKernel;

namespace Portfolio.Domain.Portfolios;

/// <summary>The currencies a portfolio or position may be in: active ISO 4217 codes, upper case.</summary>
public static class Currencies
{
    public const string Default = "USD";

    public static bool IsCode(string? code) => code is not null && Iso4217.IsActive(code);
}
