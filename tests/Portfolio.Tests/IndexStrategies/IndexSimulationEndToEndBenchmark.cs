using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Application.IndexStrategies;
using Portfolio.Application.Market;
using Portfolio.Application.Persistence;
using Portfolio.Tests.Risk;
using static Portfolio.Tests.IndexStrategies.IndexStrategySupport;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.IndexStrategies;

/// <summary>
/// Not a test: the timing of benchmarks/index-strategy.sh (docs/benchmarks.md, "Index strategy simulation").
/// 50 names with ten years of closes (plus the volatility window) in the service's copy, a third of them in
/// CHF with a rate a day, simulated in USD through the HTTP pipeline on real PostgreSQL and Redis.
/// </summary>
[Explicit("benchmark: run by benchmarks/index-strategy.sh")]
public sealed class IndexSimulationEndToEndBenchmark
{
    private const int Names = 50;
    private const int Days = 2_520 + 63;

    [Test]
    public async Task Simulate_FiftyNamesTenYears()
    {
        var runs = int.TryParse(Environment.GetEnvironmentVariable("INDEX_BENCH_RUNS"), out var r) ? r : 5;
        var dates = MarketSeed.WeekdaysEndingOn(MarketSeed.LastDate, Days);
        var symbols = Enumerable.Range(0, Names).Select(_ => MarketSeed.NewSymbol()).ToArray();
        var seeding = Stopwatch.StartNew();
        await SeedAsync(symbols, dates);
        TestContext.Out.WriteLine($"seeded {Names} x {Days} closes and {Days} CHF/USD rates in {seeding.Elapsed.TotalSeconds:F1} s");

        using var owner = Factory.Analyst(out _);
        var weightings = new[] { "equalWeight", "inverseVolatility", "cappedMarketValue" };
        foreach (var weighting in weightings)
        {
            var (strategy, _) = await owner.CreateStrategyAsync(symbols, d => (d["weighting"], d["weightCap"], d["maxTurnover"]) = (weighting, 0.05m, 0.10m));
            await owner.SimulateOkAsync(strategy.Id(), new { amount = 999m, startDate = dates[63], currency = "USD" });
            var cold = new List<double>();
            long bytes = 0;
            for (var run = 0; run < runs; run++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await owner.SimulateAsync(strategy.Id(), new { amount = 1_000_000m + run, startDate = dates[63], currency = "USD" });
                var body = await response.Content.ReadAsByteArrayAsync();
                cold.Add(watch.Elapsed.TotalMilliseconds);
                bytes = body.Length;
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            }

            var cached = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await owner.SimulateAsync(strategy.Id(), new { amount = 1_000_000m, startDate = dates[63], currency = "USD" });
                await response.Content.ReadAsByteArrayAsync();
                cached.Add(watch.Elapsed.TotalMilliseconds);
            }

            TestContext.Out.WriteLine($"{weighting}: computed median {Median(cold):F0} ms (min {cold.Min():F0}, max {cold.Max():F0}), " +
                $"cached median {Median(cached):F0} ms (min {cached.Min():F0}), {bytes / 1024} KiB of JSON, {runs} runs each");
        }

        await BreakDownAsync(symbols, dates[0], runs);
        await Factory.WithDbAsync(db => db.Closes.Where(c => symbols.Contains(c.Symbol)).ExecuteDeleteAsync());
    }

    /// <summary>Where a computed call's time goes: the streamed read alone, and PostgreSQL's own plan and time for its query.</summary>
    private static async Task BreakDownAsync(string[] symbols, DateOnly from, int runs)
    {
        var reads = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var market = scope.ServiceProvider.GetRequiredService<IndexMarketData>();
            var watch = Stopwatch.StartNew();
            var rows = 0;
            await foreach (var close in market.ClosesAsync(symbols, from, CancellationToken.None))
            {
                rows += close.Name >= 0 ? 1 : 0;
            }

            reads.Add(watch.Elapsed.TotalMilliseconds);
            Assert.That(rows, Is.EqualTo(Names * Days));
        }

        TestContext.Out.WriteLine($"streamed read of {Names * Days} closes alone: median {Median(reads):F0} ms (min {reads.Min():F0})");
        var branches = string.Join(" UNION ALL ", symbols.Select((s, i) =>
            $"(SELECT {i} AS name, date, adjusted_close FROM portfolio.close_prices WHERE symbol = '{s}' AND date >= '{from:yyyy-MM-dd}')"));
        // The symbols are this benchmark's own generated ones, not input; EXPLAIN takes no parameters here.
#pragma warning disable EF1002
        var plan = await Factory.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
            $"EXPLAIN (ANALYZE, BUFFERS) SELECT name, date, adjusted_close FROM ({branches}) AS c ORDER BY date").ToListAsync());
#pragma warning restore EF1002
        TestContext.Out.WriteLine("plan: " + string.Join(" | ", plan.Select(l => l.Trim()).Where(l => !l.StartsWith("->  Index", StringComparison.Ordinal) && !l.StartsWith("Index Cond", StringComparison.Ordinal) && !l.StartsWith("Buffers", StringComparison.Ordinal)).Take(8)));
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task SeedAsync(string[] symbols, List<DateOnly> dates)
    {
        var random = new Random(20261205);
        await Factory.WithDbAsync(async db =>
        {
            db.Instruments.AddRange(symbols.Select((s, i) => new InstrumentRow
            {
                Symbol = s, Name = s, Type = "equity", Currency = i % 3 == 0 ? "CHF" : "USD", HistorySyncedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            }));
            await db.SaveChangesAsync();
            for (var i = 0; i < symbols.Length; i++)
            {
                var price = 10 + (490 * random.NextDouble());
                var rows = new List<ClosePriceRow>(dates.Count);
                foreach (var date in dates)
                {
                    price *= 1 + (0.04 * (random.NextDouble() - 0.5));
                    var close = Math.Round((decimal)price, 4);
                    rows.Add(new ClosePriceRow { Symbol = symbols[i], Date = date, Close = close, AdjustedClose = close, Currency = i % 3 == 0 ? "CHF" : "USD", UpdatedAt = DateTimeOffset.UtcNow });
                }

                await db.UpsertAsync(rows, CancellationToken.None);
            }

            return 0;
        });

        // A database in steady state has statistics of its tables; right after a bulk load the planner has none.
        await Factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("ANALYZE portfolio.close_prices"));
        var rate = 1.1;
        foreach (var date in dates)
        {
            rate *= 1 + (0.004 * (random.NextDouble() - 0.5));
            await SeedFxAsync("CHF", "USD", date, Math.Round((decimal)rate, 6));
        }
    }
}
