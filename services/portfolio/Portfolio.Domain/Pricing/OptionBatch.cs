namespace Portfolio.Domain.Pricing;

/// <summary>
/// Contracts stored as one array per field, so a kernel loads a vector of consecutive contracts with
/// one contiguous load per field. Arrays are padded to whole 512-bit vectors: kernels evaluate the
/// last partial vector in full, and lanes from <see cref="Count"/> up to the padding are scratch.
/// </summary>
public sealed class OptionBatch
{
    private int count;

    public OptionBatch(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        int length = LanePadding.PaddedLength(capacity);
        Spot = new double[length];
        Strike = new double[length];
        TimeToExpiry = new double[length];
        Rate = new double[length];
        DividendYield = new double[length];
        Volatility = new double[length];
        CallFlag = new double[length];
    }

    public int Capacity { get; }

    public int Count
    {
        get => count;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Capacity);
            count = value;
        }
    }

    public double[] Spot { get; }

    public double[] Strike { get; }

    public double[] TimeToExpiry { get; }

    public double[] Rate { get; }

    public double[] DividendYield { get; }

    public double[] Volatility { get; }

    /// <summary>
    /// 1.0 for a call, 0.0 for a put: a number rather than an enum so a kernel turns it into the
    /// payoff sign ω = 2·flag − 1 with one fused multiply-add instead of a compare and blend.
    /// </summary>
    public double[] CallFlag { get; }

    /// <summary>Writes one contract into lane <paramref name="index"/>; <see cref="Count"/> is left as it is.</summary>
    public void Set(int index, in OptionContract option)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Capacity);
        Spot[index] = option.Spot;
        Strike[index] = option.Strike;
        TimeToExpiry[index] = option.TimeToExpiry;
        Rate[index] = option.Rate;
        DividendYield[index] = option.DividendYield;
        Volatility[index] = option.Volatility;
        CallFlag[index] = option.Right == OptionRight.Call ? 1.0 : 0.0;
    }

    /// <summary>Appends one lane per spot, all with the other terms of <paramref name="terms"/>.</summary>
    internal void Append(ReadOnlySpan<double> spots, in OptionContract terms)
    {
        int start = Count;
        Count = start + spots.Length;
        spots.CopyTo(Spot.AsSpan(start));
        Strike.AsSpan(start, spots.Length).Fill(terms.Strike);
        TimeToExpiry.AsSpan(start, spots.Length).Fill(terms.TimeToExpiry);
        Rate.AsSpan(start, spots.Length).Fill(terms.Rate);
        DividendYield.AsSpan(start, spots.Length).Fill(terms.DividendYield);
        Volatility.AsSpan(start, spots.Length).Fill(terms.Volatility);
        CallFlag.AsSpan(start, spots.Length).Fill(terms.Right == OptionRight.Call ? 1.0 : 0.0);
    }

    public OptionContract Get(int index) => new(
        CallFlag[index] != 0 ? OptionRight.Call : OptionRight.Put,
        Spot[index],
        Strike[index],
        TimeToExpiry[index],
        Rate[index],
        DividendYield[index],
        Volatility[index]);
}
