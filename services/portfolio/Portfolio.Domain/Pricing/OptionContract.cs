namespace Portfolio.Domain.Pricing;

/// <summary>
/// A European option on one unit of underlying. Rates, dividend yield and volatility are annual and
/// continuously compounded (0.05 = 5%); time to expiry is in years.
/// </summary>
public readonly record struct OptionContract(
    OptionRight Right,
    double Spot,
    double Strike,
    double TimeToExpiry,
    double Rate,
    double DividendYield,
    double Volatility);
