using BenchmarkDotNet.Attributes;
using Portfolio.Domain.Pricing;

namespace PortfolioBench;

/// <summary>All five greeks for 100,000 random contracts, per kernel, on one thread.</summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[Config(typeof(OptionsPerSecondConfig))]
public class GreeksBenchmarks
{
    private const int Options = 100_000;

    private readonly OptionBatch input = RandomContracts.Batch(Options, seed: 20261205);
    private readonly GreeksBatch output = new(Options);
    private readonly ScalarGreeksKernel scalar = new();
    private readonly Vector256GreeksKernel vector256 = new();
    private readonly Vector512GreeksKernel vector512 = new();

    [Benchmark(Baseline = true, OperationsPerInvoke = Options)]
    public void Scalar() => scalar.Evaluate(input, output);

    [Benchmark(OperationsPerInvoke = Options)]
    public void Vector256() => vector256.Evaluate(input, output);

    [Benchmark(OperationsPerInvoke = Options)]
    public void Vector512() => vector512.Evaluate(input, output);
}
