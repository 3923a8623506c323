using BenchmarkDotNet.Attributes;
using Portfolio.Domain.IndexStrategies;

namespace PortfolioBench;

/// <summary>
/// The index simulation engine alone: 50 names over ten years (2,520 trading days plus the 63-day
/// window before the start), a third of them in another currency, rebalanced monthly under a 10%
/// turnover limit, per weighting rule. The days are generated once; each run feeds them all.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class IndexStrategyBenchmarks
{
    private const int Names = 50;
    private const int Days = 2_520 + 63;

    private readonly DateOnly[] dates = new DateOnly[Days];
    private readonly double[][] closes = new double[Days][];
    private readonly double[][] rates = new double[Days][];

    [Params(IndexWeighting.EqualWeight, IndexWeighting.InverseVolatility, IndexWeighting.CappedMarketValue)]
    public IndexWeighting Weighting { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261205);
        var prices = Enumerable.Range(0, Names).Select(_ => 10 + (490 * random.NextDouble())).ToArray();
        var fx = 1.1;
        var date = new DateOnly(2016, 1, 4);
        for (var day = 0; day < Days; day++)
        {
            while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                date = date.AddDays(1);
            }

            dates[day] = date;
            date = date.AddDays(1);
            fx *= 1 + (0.004 * (random.NextDouble() - 0.5));
            closes[day] = new double[Names];
            rates[day] = new double[Names];
            for (var i = 0; i < Names; i++)
            {
                prices[i] *= 1 + (0.04 * (random.NextDouble() - 0.5));
                closes[day][i] = prices[i];
                rates[day][i] = i % 3 == 0 ? fx : 1;
            }
        }
    }

    [Benchmark]
    public double Simulate()
    {
        var simulator = new IndexSimulator(new IndexRules(Weighting, 63, 0.05, 0.10), Names, 1_000_000, dates[63]);
        for (var day = 0; day < Days; day++)
        {
            simulator.Advance(dates[day], closes[day], rates[day]);
        }

        return simulator.Finish(0.045).Statistics.EndValue;
    }
}
