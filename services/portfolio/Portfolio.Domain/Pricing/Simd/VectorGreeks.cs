namespace Portfolio.Domain.Pricing.Simd;

/// <summary>
/// The formulas of <see cref="BlackScholes"/> on whole vectors of contracts. Per contract: three
/// exponentials (two discount factors and one Gaussian shared by N(d1), N(d2) and the density), one
/// logarithm, one square root and four divisions; the rest is fused multiply-adds. Deterministic
/// lanes (σ√T ≈ 0, expiry, zero spot or strike) run the same instructions on harmless stand-in
/// values and have N(d) replaced by the payoff step and the density by 0, which turns every formula
/// into its deterministic limit.
/// </summary>
internal static class VectorGreeks<TLanes, TVector>
    where TLanes : struct, ILanes<TVector>
    where TVector : struct
{
    private static readonly double InverseSqrtTwoPi = 1.0 / Math.Sqrt(2.0 * Math.PI);

    public static void Evaluate(IGreeksKernel kernel, OptionBatch input, GreeksBatch output)
    {
        if (!kernel.IsSupported)
        {
            throw new PlatformNotSupportedException($"{kernel.Name} is not accelerated on this machine.");
        }

        KernelArguments.Check(input, output);
        int lanes = (input.Count + TLanes.Width - 1) / TLanes.Width * TLanes.Width;
        for (int i = 0; i < lanes; i += TLanes.Width)
        {
            EvaluateLanes(input, output, i);
        }
    }

    private static void EvaluateLanes(OptionBatch input, GreeksBatch output, int i)
    {
        TVector zero = TLanes.Create(0.0);
        TVector one = TLanes.Create(1.0);
        TVector spot = TLanes.Load(input.Spot, i);
        TVector strike = TLanes.Load(input.Strike, i);
        TVector time = TLanes.Load(input.TimeToExpiry, i);
        TVector rate = TLanes.Load(input.Rate, i);
        TVector dividendYield = TLanes.Load(input.DividendYield, i);
        TVector volatility = TLanes.Load(input.Volatility, i);
        TVector omega = TLanes.MultiplyAdd(TLanes.Load(input.CallFlag, i), TLanes.Create(2.0), TLanes.Create(-1.0));

        TVector years = TLanes.Max(time, zero);
        TVector sqrtYears = TLanes.Sqrt(years);
        TVector deviation = TLanes.Multiply(volatility, sqrtYears);
        TVector dividendDiscount = VectorMath<TLanes, TVector>.Exp(TLanes.Multiply(TLanes.Subtract(zero, dividendYield), years));
        TVector rateDiscount = VectorMath<TLanes, TVector>.Exp(TLanes.Multiply(TLanes.Subtract(zero, rate), years));
        TVector spotValue = TLanes.Multiply(spot, dividendDiscount);
        TVector strikeValue = TLanes.Multiply(strike, rateDiscount);

        // Below the smallest positive double means zero for the non-negative spot and strike.
        TVector deterministic = TLanes.Or(
            TLanes.LessThan(deviation, TLanes.Create(BlackScholes.MinimumDeviation)),
            TLanes.Or(TLanes.LessThan(spot, TLanes.Create(double.Epsilon)), TLanes.LessThan(strike, TLanes.Create(double.Epsilon))));
        TVector safeDeviation = TLanes.Select(deterministic, one, deviation);
        TVector safeSpot = TLanes.Select(deterministic, one, spot);
        TVector safeStrike = TLanes.Select(deterministic, one, strike);

        // One division serves 1/S and 1/(σ√T).
        TVector inverseSpotDeviation = TLanes.Divide(one, TLanes.Multiply(safeSpot, safeDeviation));
        TVector inverseSpot = TLanes.Multiply(inverseSpotDeviation, safeDeviation);
        TVector inverseDeviation = TLanes.Multiply(inverseSpotDeviation, safeSpot);

        TVector logMoneyness = TLanes.Subtract(zero, VectorMath<TLanes, TVector>.Log(TLanes.Multiply(safeStrike, inverseSpot)));
        TVector drift = TLanes.MultiplyAdd(TLanes.Subtract(rate, dividendYield), years, logMoneyness);
        TVector d1 = TLanes.MultiplyAdd(drift, inverseDeviation, TLanes.Multiply(TLanes.Create(0.5), safeDeviation));
        TVector d2 = TLanes.Subtract(d1, safeDeviation);
        TVector absoluteD1 = TLanes.Abs(d1);
        TVector absoluteD2 = TLanes.Abs(d2);

        // d1² − d2² = 2·ln(F/K), so e^(−d²/2) of the larger |d| is that of the smaller times
        // e^(−|ln(F/K)|) = min(S·e^−qT, K·e^−rT) / max(…): a division instead of a third exponential,
        // and the smaller |d| is the one whose exponential does not underflow.
        TVector forwardAboveStrike = TLanes.GreaterThan(drift, zero);
        TVector nearer = TLanes.Select(forwardAboveStrike, absoluteD2, absoluteD1);
        TVector gaussianNearer = VectorMath<TLanes, TVector>.Exp(TLanes.Multiply(TLanes.Create(-0.5), TLanes.Multiply(nearer, nearer)));
        TVector smallerValue = TLanes.Min(spotValue, strikeValue);
        TVector gaussianFarther = TLanes.Multiply(
            gaussianNearer,
            TLanes.Divide(TLanes.Multiply(smallerValue, smallerValue), TLanes.Multiply(spotValue, strikeValue)));
        TVector gaussian1 = TLanes.Select(forwardAboveStrike, gaussianFarther, gaussianNearer);
        TVector gaussian2 = TLanes.Select(forwardAboveStrike, gaussianNearer, gaussianFarther);
        (TVector tail1, TVector tail2) = VectorMath<TLanes, TVector>.NormalTails(absoluteD1, gaussian1, absoluteD2, gaussian2);
        TVector n1 = VectorMath<TLanes, TVector>.NormalCdf(TLanes.Multiply(omega, d1), tail1);
        TVector n2 = VectorMath<TLanes, TVector>.NormalCdf(TLanes.Multiply(omega, d2), tail2);

        TVector moneyness = TLanes.Multiply(omega, TLanes.Subtract(spotValue, strikeValue));
        TVector step = TLanes.Select(
            TLanes.GreaterThan(moneyness, zero),
            one,
            TLanes.And(TLanes.EqualTo(moneyness, zero), TLanes.Create(BlackScholes.AtTheMoneyStep)));
        n1 = TLanes.Select(deterministic, step, n1);
        n2 = TLanes.Select(deterministic, step, n2);
        TVector density = TLanes.Select(deterministic, zero, TLanes.Multiply(gaussian1, TLanes.Create(InverseSqrtTwoPi)));

        TVector spotDensity = TLanes.Multiply(spotValue, density);
        TVector spotPart = TLanes.Multiply(spotValue, n1);
        TVector strikePart = TLanes.Multiply(strikeValue, n2);
        TVector price = TLanes.Multiply(omega, TLanes.Subtract(spotPart, strikePart));
        TVector delta = TLanes.Multiply(TLanes.Multiply(omega, dividendDiscount), n1);
        TVector gamma = TLanes.Multiply(TLanes.Multiply(dividendDiscount, density), TLanes.Multiply(inverseDeviation, inverseSpot));
        TVector vega = TLanes.Multiply(spotDensity, TLanes.Multiply(sqrtYears, TLanes.Create(GreekUnits.VolatilityPerPoint)));

        // σ/(2√T) written as σ²/(2σ√T) reuses 1/(σ√T) instead of dividing again.
        TVector decay = TLanes.Multiply(
            TLanes.Multiply(spotDensity, TLanes.Create(-0.5)),
            TLanes.Multiply(TLanes.Multiply(volatility, volatility), inverseDeviation));
        TVector carry = TLanes.MultiplyAdd(dividendYield, spotPart, TLanes.Multiply(TLanes.Subtract(zero, rate), strikePart));
        TVector annualTheta = TLanes.MultiplyAdd(omega, carry, decay);
        TVector theta = TLanes.Select(
            TLanes.GreaterThan(time, zero),
            TLanes.Multiply(annualTheta, TLanes.Create(GreekUnits.YearsPerCalendarDay)),
            zero);
        TVector rho = TLanes.Multiply(
            TLanes.Multiply(omega, strikePart),
            TLanes.Multiply(years, TLanes.Create(GreekUnits.RatePerPoint)));

        TLanes.Store(price, output.Price, i);
        TLanes.Store(delta, output.Delta, i);
        TLanes.Store(gamma, output.Gamma, i);
        TLanes.Store(vega, output.Vega, i);
        TLanes.Store(theta, output.Theta, i);
        TLanes.Store(rho, output.Rho, i);
    }
}
