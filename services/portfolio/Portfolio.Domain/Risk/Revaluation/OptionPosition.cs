using Portfolio.Domain.Pricing;

namespace Portfolio.Domain.Risk.Revaluation;

/// <summary>An option held in a book: its terms without a spot, which each scenario supplies.</summary>
internal readonly record struct OptionPosition(
    int Underlying,
    OptionRight Right,
    double Strike,
    double TimeToExpiry,
    double Rate,
    double DividendYield,
    double Volatility,
    double UnitsInBase)
{
    public OptionContract At(double spot, double elapsedYears) =>
        new(Right, spot, Strike, TimeToExpiry - elapsedYears, Rate, DividendYield, Volatility);
}
