namespace Portfolio.Domain.Pricing;

internal static class KernelArguments
{
    public static void Check(OptionBatch input, GreeksBatch output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (output.Capacity < input.Count)
        {
            throw new ArgumentException(
                $"The output holds {output.Capacity} results, the input has {input.Count} contracts.", nameof(output));
        }
    }
}
