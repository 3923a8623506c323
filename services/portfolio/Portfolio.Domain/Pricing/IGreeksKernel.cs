namespace Portfolio.Domain.Pricing;

/// <summary>Prices a batch of contracts with all five greeks; the implementations differ only in speed.</summary>
public interface IGreeksKernel
{
    string Name { get; }

    /// <summary>Whether this machine runs the kernel's instructions natively; if not, Evaluate throws.</summary>
    bool IsSupported { get; }

    /// <summary>
    /// Fills the first <c>input.Count</c> lanes of <paramref name="output"/>. Inputs are assumed
    /// validated (finite, spot and strike not negative); anything else gives garbage, not an exception.
    /// </summary>
    void Evaluate(OptionBatch input, GreeksBatch output);
}
