using BenchmarkDotNet.Attributes;
using Portfolio.Domain.Pricing;
using Portfolio.Domain.Risk.Revaluation;

namespace PortfolioBench;

/// <summary>
/// One historical VaR run's P&amp;L vector: 10,000 positions on 500 underlyings (8,000 linear,
/// 2,000 options) under 500 scenarios, 10-day horizon, on one thread.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class FullRevaluationBenchmarks
{
    private const int Underlyings = 500;
    private const int LinearPositions = 8_000;
    private const int OptionPositions = 2_000;
    private const int Scenarios = 500;

    private readonly RevaluationBook book = new(Underlyings);
    private readonly double[] pnl = new double[Scenarios];
    private ScenarioSet scenarios = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261205);
        double[] spots = Enumerable.Range(0, Underlyings).Select(_ => 5 + 995 * random.NextDouble()).ToArray();
        for (int i = 0; i < LinearPositions; i++)
        {
            book.AddLinear(random.Next(Underlyings), 10_000 * (random.NextDouble() - 0.5));
        }

        for (int i = 0; i < OptionPositions; i++)
        {
            int underlying = random.Next(Underlyings);
            book.AddOption(
                underlying,
                random.Next(2) == 0 ? OptionRight.Call : OptionRight.Put,
                strike: spots[underlying] * (0.7 + 0.6 * random.NextDouble()),
                timeToExpiry: 0.02 + 2 * random.NextDouble(),
                rate: 0.05 * random.NextDouble(),
                dividendYield: 0.03 * random.NextDouble(),
                volatility: 0.1 + 0.6 * random.NextDouble(),
                unitsPerContractInBase: 100 * (random.Next(21) - 10));
        }

        scenarios = new ScenarioSet(spots, Scenarios);
        for (int i = 0; i < scenarios.Returns.Length; i++)
        {
            scenarios.Returns[i] = 0.05 * (random.NextDouble() + random.NextDouble() - 1);
        }
    }

    [Benchmark(Baseline = true)]
    public void Scalar() => FullRevaluation.ProfitAndLoss(book, scenarios, pnl, horizonDays: 10, new ScalarGreeksKernel());

    [Benchmark]
    public void Vector256() => FullRevaluation.ProfitAndLoss(book, scenarios, pnl, horizonDays: 10, new Vector256GreeksKernel());

    [Benchmark]
    public void Vector512() => FullRevaluation.ProfitAndLoss(book, scenarios, pnl, horizonDays: 10, new Vector512GreeksKernel());
}
