namespace MarketData.Infrastructure.Providers.Simulated;

/// <summary>Black-Scholes pricing of the simulated option chains: a volatility smile over the instrument's volatility.</summary>
public static class SimulatedOptions
{
    /// <summary>Continuously compounded risk-free rate of the simulated market.</summary>
    public const double RiskFreeRate = 0.045;

    /// <summary>
    /// Implied volatility at a strike: the at-the-money level times a smile in standardised
    /// log-moneyness m = ln(K/F) / (σ√T). Puts below the money carry more (skew), both wings some more (smile).
    /// </summary>
    public static double Smile(double atmVolatility, double spot, double strike, double years)
    {
        var forward = spot * Math.Exp(RiskFreeRate * years);
        var m = Math.Log(strike / forward) / (atmVolatility * Math.Sqrt(years));
        return Math.Clamp(atmVolatility * (1.0 - 0.09 * m + 0.025 * m * m), atmVolatility * 0.5, atmVolatility * 3.0);
    }

    /// <summary>Black-Scholes price of a European option on a non-dividend-paying underlying.</summary>
    public static double Price(bool call, double spot, double strike, double years, double volatility, double rate = RiskFreeRate)
    {
        var sqrtT = Math.Sqrt(years);
        var d1 = (Math.Log(spot / strike) + (rate + volatility * volatility / 2) * years) / (volatility * sqrtT);
        var d2 = d1 - volatility * sqrtT;
        var discount = Math.Exp(-rate * years);
        return call
            ? spot * NormalCdf(d1) - strike * discount * NormalCdf(d2)
            : strike * discount * NormalCdf(-d2) - spot * NormalCdf(-d1);
    }

    /// <summary>Standard normal CDF to double precision (Hart's algorithm 5666, as given by West, 2005).</summary>
    public static double NormalCdf(double x)
    {
        var z = Math.Abs(x);
        double tail;
        if (z > 37.0)
        {
            tail = 0.0;
        }
        else
        {
            var e = Math.Exp(-z * z / 2.0);
            if (z < 7.07106781186547)
            {
                var n = 3.52624965998911e-02 * z + 0.700383064443688;
                n = n * z + 6.37396220353165;
                n = n * z + 33.912866078383;
                n = n * z + 112.079291497871;
                n = n * z + 221.213596169931;
                n = n * z + 220.206867912376;
                var d = 8.83883476483184e-02 * z + 1.75566716318264;
                d = d * z + 16.064177579207;
                d = d * z + 86.7807322029461;
                d = d * z + 296.564248779674;
                d = d * z + 637.333633378831;
                d = d * z + 793.826512519948;
                d = d * z + 440.413735824752;
                tail = e * n / d;
            }
            else
            {
                var f = z + 1.0 / (z + 2.0 / (z + 3.0 / (z + 4.0 / (z + 0.65))));
                tail = e / (f * 2.506628274631);
            }
        }

        return x <= 0 ? tail : 1.0 - tail;
    }
}
