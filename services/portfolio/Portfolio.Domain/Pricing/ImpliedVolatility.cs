namespace Portfolio.Domain.Pricing;

/// <summary>
/// The Black-Scholes-Merton volatility that reproduces a quoted price: Newton's method on vega,
/// falling back to bisection whenever a step would leave the bracket that still holds the root.
/// </summary>
public static class ImpliedVolatility
{
    private const double MinimumVolatility = 1e-6;
    private const double MaximumVolatility = 5.0;
    private const int MaximumIterations = 200;

    // A bracket this narrow pins the volatility to the last few digits a double holds.
    private const double BracketResolution = 1e-15;

    // The price is a sum of terms of the size of spot and strike; this is a few dozen units in the
    // last place of them, as close as double arithmetic can bring the model to the quote.
    private const double PriceTolerancePerUnitOfScale = 1e-14;

    public static double? Solve(
        OptionRight right, double spot, double strike, double timeToExpiry, double rate, double dividendYield, double price)
    {
        if (!(timeToExpiry > 0) || !double.IsFinite(price))
        {
            return null;
        }

        var contract = new OptionContract(right, spot, strike, timeToExpiry, rate, dividendYield, MinimumVolatility);
        double spotValue = spot * Math.Exp(-dividendYield * timeToExpiry);
        double strikeValue = strike * Math.Exp(-rate * timeToExpiry);
        double intrinsic = right == OptionRight.Call ? spotValue - strikeValue : strikeValue - spotValue;
        double upperBound = right == OptionRight.Call ? spotValue : strikeValue;
        double tolerance = PriceTolerancePerUnitOfScale * (spot + strike);
        if (price < Math.Max(intrinsic, 0) - tolerance || price >= upperBound)
        {
            return null;
        }

        double low = MinimumVolatility;
        double high = MaximumVolatility;
        if (BlackScholes.Price(contract) - price > tolerance
            || price - BlackScholes.Price(contract with { Volatility = high }) > tolerance)
        {
            return null;
        }

        double volatility = Math.Clamp(InflectionVolatility(spotValue, strikeValue, timeToExpiry), low, high);
        for (int iteration = 0; iteration < MaximumIterations; iteration++)
        {
            OptionGreeks greeks = BlackScholes.Evaluate(contract with { Volatility = volatility });
            double error = greeks.Price - price;
            if (Math.Abs(error) <= tolerance)
            {
                return volatility;
            }

            if (error > 0)
            {
                high = volatility;
            }
            else
            {
                low = volatility;
            }

            if (high - low <= BracketResolution * high)
            {
                return volatility;
            }

            double slope = greeks.Vega * GreekUnits.PointsPerUnit;
            double newton = volatility - error / slope;
            volatility = slope > 0 && newton > low && newton < high ? newton : 0.5 * (low + high);
        }

        return null;
    }

    // Vega peaks at σ = sqrt(2|ln(F/K)| / T), where the price turns from convex to concave in σ;
    // Newton started there approaches the root monotonically (Manaster and Koehler, 1982).
    private static double InflectionVolatility(double spotValue, double strikeValue, double timeToExpiry) =>
        Math.Sqrt(2.0 * Math.Abs(Math.Log(spotValue / strikeValue)) / timeToExpiry);
}
