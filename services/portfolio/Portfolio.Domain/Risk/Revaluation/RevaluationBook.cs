using Portfolio.Domain.Pricing;

namespace Portfolio.Domain.Risk.Revaluation;

/// <summary>
/// A book as full revaluation sees it: linear positions reduced to one exposure per underlying
/// (their P&amp;L is linear in the spot, so they add up), options kept one by one.
/// </summary>
public sealed class RevaluationBook
{
    private readonly double[] linearExposure;
    private readonly List<OptionPosition> options = [];

    public RevaluationBook(int underlyingCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(underlyingCount);
        linearExposure = new double[underlyingCount];
    }

    public int UnderlyingCount => linearExposure.Length;

    public int OptionCount => options.Count;

    internal ReadOnlySpan<double> LinearExposure => linearExposure;

    internal IReadOnlyList<OptionPosition> Options => options;

    /// <param name="exposurePerUnitPrice">Quantity × multiplier × FX to base: the P&amp;L is this × (S′ − S).</param>
    public void AddLinear(int underlying, double exposurePerUnitPrice)
    {
        CheckUnderlying(underlying);
        RequireFinite(exposurePerUnitPrice, nameof(exposurePerUnitPrice));
        linearExposure[underlying] += exposurePerUnitPrice;
    }

    /// <param name="unitsPerContractInBase">Quantity × multiplier × FX to base: the P&amp;L is this × (V′ − V).</param>
    public void AddOption(
        int underlying, OptionRight right, double strike, double timeToExpiry, double rate, double dividendYield,
        double volatility, double unitsPerContractInBase)
    {
        CheckUnderlying(underlying);
        ArgumentOutOfRangeException.ThrowIfNegative(strike);
        RequireFinite(strike, nameof(strike));
        RequireFinite(timeToExpiry, nameof(timeToExpiry));
        RequireFinite(rate, nameof(rate));
        RequireFinite(dividendYield, nameof(dividendYield));
        RequireFinite(volatility, nameof(volatility));
        RequireFinite(unitsPerContractInBase, nameof(unitsPerContractInBase));
        options.Add(new OptionPosition(underlying, right, strike, timeToExpiry, rate, dividendYield, volatility, unitsPerContractInBase));
    }

    private void CheckUnderlying(int underlying)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(underlying);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(underlying, UnderlyingCount);
    }

    private static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be a finite number.");
        }
    }
}
