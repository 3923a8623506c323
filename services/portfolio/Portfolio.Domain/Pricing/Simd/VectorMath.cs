using System.Runtime.CompilerServices;

namespace Portfolio.Domain.Pricing.Simd;

/// <summary>
/// exp, log and the normal tail probability on whole vectors, branch-free: every lane takes the same
/// path and special cases are blended in. Accurate to a few units in the last place over the ranges
/// the pricing formulas use (arguments of exp ≤ 708, positive normal arguments of log).
/// </summary>
internal static class VectorMath<TLanes, TVector>
    where TLanes : struct, ILanes<TVector>
    where TVector : struct
{
    private const double Log2E = 1.4426950408889634074;

    // ln 2 split so that n·Ln2High is exact for every exponent n a double can have (fdlibm).
    private const double Ln2High = 6.93147180369123816490e-01;
    private const double Ln2Low = 1.90821492927058770002e-10;

    // Adding 1.5·2^52 rounds to an integer and leaves it in the low bits of the sum.
    private const double RoundingShift = 6755399441055744.0;

    // Beyond ±708 exp leaves the normal doubles; below, the result is taken as 0 (the denormal range
    // starts at 1e-308, far below anything a price resolves).
    private const double ExpLimit = 708.0;

    private const long ExponentBias = 1023;
    private const int MantissaBits = 52;
    private const long MantissaMask = (1L << MantissaBits) - 1;
    private const double TwoToMantissaBits = 4503599627370496.0;

    private const double Sqrt2 = 1.41421356237309504880;

    // The normal distribution has no mass left in doubles beyond 38.5 standard deviations; the cap
    // keeps the rational function below from overflowing for huge arguments.
    private const double TailCap = 40.0;

    private static readonly long RoundingShiftToExponentBits = ExponentBias - BitConverter.DoubleToInt64Bits(RoundingShift);

    private static readonly long OneBits = BitConverter.DoubleToInt64Bits(1.0);

    private static readonly long MantissaExponentBias = BitConverter.DoubleToInt64Bits(TwoToMantissaBits);

    /// <summary>e^x, 0 below −708; x must not be NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Exp(TVector x)
    {
        TVector clamped = TLanes.Max(TLanes.Min(x, TLanes.Create(ExpLimit)), TLanes.Create(-ExpLimit));
        TVector shifted = TLanes.MultiplyAdd(clamped, TLanes.Create(Log2E), TLanes.Create(RoundingShift));
        TVector n = TLanes.Subtract(shifted, TLanes.Create(RoundingShift));
        TVector r = TLanes.MultiplyAdd(n, TLanes.Create(-Ln2High), clamped);
        r = TLanes.MultiplyAdd(n, TLanes.Create(-Ln2Low), r);

        // Taylor series of e^r on |r| ≤ ln2/2: the first omitted term, r^13/13!, is below 2e-16.
        // Evaluated in Estrin's scheme: four dependent steps instead of Horner's twelve, because the
        // kernel is bound by the latency of its longest chain, not by the number of operations.
        TVector r2 = TLanes.Multiply(r, r);
        TVector r4 = TLanes.Multiply(r2, r2);
        TVector r8 = TLanes.Multiply(r4, r4);
        TVector low = Cubic(r, r2, 1.0, 1.0, 1.0 / 2, 1.0 / 6);
        TVector middle = Cubic(r, r2, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040);
        TVector high = TLanes.MultiplyAdd(
            r4, TLanes.Create(1.0 / 479001600), Cubic(r, r2, 1.0 / 40320, 1.0 / 362880, 1.0 / 3628800, 1.0 / 39916800));
        TVector p = TLanes.MultiplyAdd(high, r8, TLanes.MultiplyAdd(middle, r4, low));

        TVector twoToN = TLanes.ShiftLeftBits(TLanes.AddBits(shifted, TLanes.CreateBits(RoundingShiftToExponentBits)), MantissaBits);
        TVector result = TLanes.Multiply(p, twoToN);
        return TLanes.Select(TLanes.LessThan(x, TLanes.Create(-ExpLimit)), TLanes.Create(0.0), result);
    }

    /// <summary>ln x for positive normal x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Log(TVector x)
    {
        TVector biasedExponent = TLanes.Or(TLanes.ShiftRightBits(x, MantissaBits), TLanes.CreateBits(MantissaExponentBias));
        TVector exponent = TLanes.Subtract(biasedExponent, TLanes.Create(TwoToMantissaBits + ExponentBias));
        TVector mantissa = TLanes.Or(TLanes.And(x, TLanes.CreateBits(MantissaMask)), TLanes.CreateBits(OneBits));

        // Centre the mantissa on 1, in [√2/2, √2], so the series below converges fast on both sides.
        TVector aboveSqrt2 = TLanes.GreaterThan(mantissa, TLanes.Create(Sqrt2));
        mantissa = TLanes.Select(aboveSqrt2, TLanes.Multiply(mantissa, TLanes.Create(0.5)), mantissa);
        exponent = TLanes.Add(exponent, TLanes.And(aboveSqrt2, TLanes.Create(1.0)));

        // ln m = 2 atanh(s) = 2(s + s³/3 + s⁵/5 + …) with s = (m − 1)/(m + 1), |s| ≤ 0.172: the first
        // omitted term, s^21/21, is below 1e-17 of the sum.
        TVector s = TLanes.Divide(
            TLanes.Subtract(mantissa, TLanes.Create(1.0)),
            TLanes.Add(mantissa, TLanes.Create(1.0)));
        TVector z = TLanes.Multiply(s, s);
        TVector z2 = TLanes.Multiply(z, z);
        TVector z4 = TLanes.Multiply(z2, z2);
        TVector high = TLanes.MultiplyAdd(z4, TLanes.Create(1.0 / 19), Cubic(z, z2, 1.0 / 11, 1.0 / 13, 1.0 / 15, 1.0 / 17));
        TVector series = TLanes.MultiplyAdd(high, z4, Cubic(z, z2, 1.0 / 3, 1.0 / 5, 1.0 / 7, 1.0 / 9));
        TVector twoS = TLanes.Add(s, s);
        TVector logMantissa = TLanes.MultiplyAdd(TLanes.Multiply(twoS, z), series, twoS);

        return TLanes.MultiplyAdd(exponent, TLanes.Create(Ln2High), TLanes.MultiplyAdd(exponent, TLanes.Create(Ln2Low), logMantissa));
    }

    /// <summary>
    /// N(−|x|) and N(−|y|), the normal probabilities beyond |x| and |y|, given e^(−x²/2) and
    /// e^(−y²/2) (which the caller shares with the density). Hart's rational approximation
    /// (algorithm 5666, as given by West, 2005) holds to double precision up to 7.07 standard
    /// deviations; beyond, where it is used here too instead of West's continued fraction, it keeps
    /// the right asymptote 1/(√(2π)|x|) and the tail is below 1e-12, so its absolute error stays far
    /// below a unit in the last place of N. Two at once share one division.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TVector X, TVector Y) NormalTails(TVector absoluteX, TVector gaussianX, TVector absoluteY, TVector gaussianY)
    {
        TVector cappedX = TLanes.Min(absoluteX, TLanes.Create(TailCap));
        TVector cappedY = TLanes.Min(absoluteY, TLanes.Create(TailCap));
        TVector numeratorX = HartNumerator(cappedX);
        TVector denominatorX = HartDenominator(cappedX);
        TVector numeratorY = HartNumerator(cappedY);
        TVector denominatorY = HartDenominator(cappedY);
        TVector inverseBoth = TLanes.Divide(TLanes.Create(1.0), TLanes.Multiply(denominatorX, denominatorY));
        return (
            TLanes.Multiply(TLanes.Multiply(gaussianX, numeratorX), TLanes.Multiply(denominatorY, inverseBoth)),
            TLanes.Multiply(TLanes.Multiply(gaussianY, numeratorY), TLanes.Multiply(denominatorX, inverseBoth)));
    }

    /// <summary>N(x) from the tail beyond |x|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector NormalCdf(TVector x, TVector tail) =>
        TLanes.Select(TLanes.GreaterThan(x, TLanes.Create(0.0)), TLanes.Subtract(TLanes.Create(1.0), tail), tail);

    // Both polynomials in Estrin's scheme, like the exponential's.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector HartNumerator(TVector a)
    {
        TVector a2 = TLanes.Multiply(a, a);
        TVector high = TLanes.MultiplyAdd(
            TLanes.Create(3.52624965998911e-02), a2, TLanes.MultiplyAdd(a, TLanes.Create(0.700383064443688), TLanes.Create(6.37396220353165)));
        return TLanes.MultiplyAdd(
            high, TLanes.Multiply(a2, a2), Cubic(a, a2, 220.206867912376, 221.213596169931, 112.079291497871, 33.912866078383));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector HartDenominator(TVector a)
    {
        TVector a2 = TLanes.Multiply(a, a);
        return TLanes.MultiplyAdd(
            Cubic(a, a2, 86.7807322029461, 16.064177579207, 1.75566716318264, 8.83883476483184e-02),
            TLanes.Multiply(a2, a2),
            Cubic(a, a2, 440.413735824752, 793.826512519948, 637.333633378831, 296.564248779674));
    }

    /// <summary>c0 + c1·x + c2·x² + c3·x³ in two dependent steps, given x².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Cubic(TVector x, TVector x2, double c0, double c1, double c2, double c3) =>
        TLanes.MultiplyAdd(
            TLanes.MultiplyAdd(x, TLanes.Create(c3), TLanes.Create(c2)),
            x2,
            TLanes.MultiplyAdd(x, TLanes.Create(c1), TLanes.Create(c0)));
}
