namespace Portfolio.Domain.Pricing;

/// <summary>The reference engine, one contract at a time.</summary>
public sealed class ScalarGreeksKernel : IGreeksKernel
{
    public string Name => "Scalar";

    public bool IsSupported => true;

    public void Evaluate(OptionBatch input, GreeksBatch output)
    {
        KernelArguments.Check(input, output);
        for (int i = 0; i < input.Count; i++)
        {
            output.Set(i, BlackScholes.Evaluate(input.Get(i)));
        }
    }
}
