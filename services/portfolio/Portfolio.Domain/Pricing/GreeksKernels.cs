namespace Portfolio.Domain.Pricing;

/// <summary>The kernels, and the fastest this machine supports.</summary>
public static class GreeksKernels
{
    public static IReadOnlyList<IGreeksKernel> All { get; } =
        [new ScalarGreeksKernel(), new Vector256GreeksKernel(), new Vector512GreeksKernel()];

    /// <summary>The widest supported vector kernel (measured fastest, docs/benchmarks.md).</summary>
    public static IGreeksKernel Best { get; } = All.Last(kernel => kernel.IsSupported);
}
