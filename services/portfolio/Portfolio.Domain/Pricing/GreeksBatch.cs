namespace Portfolio.Domain.Pricing;

/// <summary>A kernel's results, one array per greek, in the units of <see cref="OptionGreeks"/>.</summary>
public sealed class GreeksBatch
{
    public GreeksBatch(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        int length = LanePadding.PaddedLength(capacity);
        Price = new double[length];
        Delta = new double[length];
        Gamma = new double[length];
        Vega = new double[length];
        Theta = new double[length];
        Rho = new double[length];
    }

    public int Capacity { get; }

    public double[] Price { get; }

    public double[] Delta { get; }

    public double[] Gamma { get; }

    public double[] Vega { get; }

    public double[] Theta { get; }

    public double[] Rho { get; }

    public OptionGreeks this[int index] => new(Price[index], Delta[index], Gamma[index], Vega[index], Theta[index], Rho[index]);

    internal void Set(int index, in OptionGreeks greeks)
    {
        Price[index] = greeks.Price;
        Delta[index] = greeks.Delta;
        Gamma[index] = greeks.Gamma;
        Vega[index] = greeks.Vega;
        Theta[index] = greeks.Theta;
        Rho[index] = greeks.Rho;
    }
}
