using MathNet.Numerics;

namespace Portfolio.Domain.Pricing;

/// <summary>
/// Black-Scholes-Merton with a continuous dividend yield, one contract at a time. It is the reference
/// the vector kernels are checked against, so it evaluates the normal distribution with the
/// library's error function rather than with the kernels' own approximation.
/// </summary>
public static class BlackScholes
{
    // Below this σ√T the terminal price is deterministic to double precision; treating it as such
    // keeps 1/(σ√T) finite.
    internal const double MinimumDeviation = 1e-150;

    // On a deterministic path (at expiry, or without volatility) exactly at the money the step is
    // taken half way, the limit of N(d) as d → 0, so delta is ±0.5 rather than an arbitrary 0 or 1.
    internal const double AtTheMoneyStep = 0.5;

    private static readonly double InverseSqrtTwoPi = 1.0 / Math.Sqrt(2.0 * Math.PI);

    private static readonly double InverseSqrtTwo = 1.0 / Math.Sqrt(2.0);

    public static double Price(in OptionContract option) => Evaluate(option).Price;

    public static OptionGreeks Evaluate(in OptionContract option)
    {
        Validate(option);
        double omega = option.Right == OptionRight.Call ? 1.0 : -1.0;
        double years = Math.Max(option.TimeToExpiry, 0.0);
        double sqrtYears = Math.Sqrt(years);
        double deviation = option.Volatility * sqrtYears;
        double dividendDiscount = Math.Exp(-option.DividendYield * years);
        double rateDiscount = Math.Exp(-option.Rate * years);
        double spotValue = option.Spot * dividendDiscount;
        double strikeValue = option.Strike * rateDiscount;

        bool deterministic = deviation < MinimumDeviation || option.Spot <= 0 || option.Strike <= 0;
        double n1, n2, density, gamma, decay;
        if (deterministic)
        {
            n1 = n2 = Step(omega * (spotValue - strikeValue));
            density = gamma = decay = 0;
        }
        else
        {
            double d1 = (Math.Log(option.Spot / option.Strike) + (option.Rate - option.DividendYield) * years) / deviation
                + 0.5 * deviation;
            double d2 = d1 - deviation;
            n1 = NormalCdf(omega * d1);
            n2 = NormalCdf(omega * d2);
            density = Math.Exp(-0.5 * d1 * d1) * InverseSqrtTwoPi;
            gamma = dividendDiscount * density / (option.Spot * deviation);
            decay = -0.5 * spotValue * density * option.Volatility / sqrtYears;
        }

        double annualTheta = option.TimeToExpiry <= 0
            ? 0
            : decay + omega * (option.DividendYield * spotValue * n1 - option.Rate * strikeValue * n2);
        return new OptionGreeks(
            Price: omega * (spotValue * n1 - strikeValue * n2),
            Delta: omega * dividendDiscount * n1,
            Gamma: gamma,
            Vega: spotValue * density * sqrtYears * GreekUnits.VolatilityPerPoint,
            Theta: annualTheta * GreekUnits.YearsPerCalendarDay,
            Rho: omega * strikeValue * years * n2 * GreekUnits.RatePerPoint);
    }

    private static double Step(double moneyness) =>
        moneyness > 0 ? 1.0 : moneyness < 0 ? 0.0 : AtTheMoneyStep;

    private static double NormalCdf(double x) => 0.5 * SpecialFunctions.Erfc(-x * InverseSqrtTwo);

    private static void Validate(in OptionContract option)
    {
        if (!(option.Spot >= 0) || double.IsPositiveInfinity(option.Spot))
        {
            throw new ArgumentOutOfRangeException(nameof(option), option.Spot, "Spot must be finite and not negative.");
        }

        if (!(option.Strike >= 0) || double.IsPositiveInfinity(option.Strike))
        {
            throw new ArgumentOutOfRangeException(nameof(option), option.Strike, "Strike must be finite and not negative.");
        }

        if (!double.IsFinite(option.TimeToExpiry) || !double.IsFinite(option.Rate)
            || !double.IsFinite(option.DividendYield) || !double.IsFinite(option.Volatility))
        {
            throw new ArgumentOutOfRangeException(nameof(option), "Time to expiry, rate, dividend yield and volatility must be finite.");
        }
    }
}
