using Portfolio.Application.Risk;
using Portfolio.Domain.IndexStrategies;

namespace Portfolio.Application.IndexStrategies;

internal sealed record SimulationRequestFacts(decimal Amount, DateOnly RequestedStart, string Currency, DateOnly DataThrough, double RiskFreeRate, DateTimeOffset ComputedAt);

/// <summary>The engine's doubles as the API reports them: money to the cent, weights, returns and ratios to six decimals.</summary>
internal static class IndexSimulationMapping
{
    /// <summary>Annualising a few days of a large move gives numbers beyond any meaning (and beyond decimal); those are reported as null.</summary>
    private const double MeaningfulLimit = 1e12;

    public static IndexSimulationView ToView(IndexStrategy strategy, IndexSimulation simulation, SimulationRequestFacts facts, IReadOnlyDictionary<string, FxSeries> fx)
    {
        var stats = simulation.Statistics;
        var drawdown = stats.Drawdown;
        var statistics = new IndexStatisticsView(stats.TradingDays, Money.Round(stats.StartValue), Money.Round(stats.EndValue), Money.Ratio(stats.TotalReturn),
            Math.Abs(stats.AnnualisedReturn) < MeaningfulLimit ? Money.Ratio(stats.AnnualisedReturn) : null,
            Money.Ratio(stats.AnnualisedVolatility), Money.Ratio(stats.Sharpe), Money.Ratio(drawdown.MaxDrawdown),
            drawdown.PeakDate, drawdown.TroughDate, drawdown.RecoveryDate);
        var assumptions = new SimulationAssumptionsView(
            Money.Ratio(facts.RiskFreeRate),
            "adjustedClose",
            strategy.Weighting == IndexWeighting.CappedMarketValue ? "price (one share of each name: the copy holds no shares outstanding)" : null,
            facts.DataThrough,
            [.. fx.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new FxUsedView(f.Key, f.Value.FirstDate, f.Value.LastDate, f.Value.FirstDate > stats.StartDate))]);
        var rebalances = simulation.Rebalances.Select(r => new IndexRebalanceView(r.Date, r.Initial, Money.Ratio(r.TargetTurnover), Money.Ratio(r.Turnover), r.Limited,
            [.. strategy.Symbols.Select((symbol, i) => new IndexAllocationView(symbol, Money.Ratio(r.Weights[i]), Money.Ratio(r.Targets[i])))])).ToList();
        return new IndexSimulationView(strategy.Id, strategy.Name, strategy.Weighting, facts.Amount, facts.Currency, facts.RequestedStart, stats.StartDate, stats.EndDate,
            facts.ComputedAt, statistics, assumptions, rebalances, [.. simulation.Path.Select(p => new IndexPointView(p.Date, Money.Round(p.Value)))]);
    }
}
