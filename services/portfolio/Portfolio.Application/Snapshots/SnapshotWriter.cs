using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portfolio.Application.Batch;
using Portfolio.Application.Market;
using Portfolio.Application.Persistence;
using Portfolio.Application.Risk;
using Portfolio.Domain.Portfolios;
using Portfolio.Domain.Risk.Statistics;

namespace Portfolio.Application.Snapshots;

/// <summary>
/// Writes a portfolio's snapshot for a business date from the risk code's own figures (valuation, exposures,
/// greeks, historical VaR, factor betas, performance), at the latest stored closes; an existing snapshot of
/// that date is overwritten, never duplicated. Saves on the caller's context (and its transaction).
/// </summary>
public sealed class SnapshotWriter(PortfolioDb db, RunHistory histories, IOptions<RiskOptions> options, TimeProvider clock)
{
    public async Task<PortfolioSnapshotRow> WriteAsync(InvestmentPortfolio portfolio, DateOnly businessDate, Guid jobId, CancellationToken cancellationToken)
    {
        // Valued as the exposures and greeks are (the option underlyings' short history for volatility); the
        // scenario history is the run's, shared by every portfolio.
        var market = await db.LoadMarketAsync(portfolio, options.Value, withHistory: false, clock, cancellationToken);
        var history = await histories.ForRunAsync(db, jobId, cancellationToken);
        // A name bought since the run loaded its history would get no scenarios from it (silently too little VaR): read the book's own.
        var needed = market.Book.Positions.Select(p => p.Position.Underlying).Concat(FactorProxies.Etfs).Distinct(StringComparer.Ordinal).ToArray();
        var days = options.Value.HistoryDays;
        if (!history.Covers(needed, days))
        {
            history = await PriceHistory.LoadAsync(db, needed, days, cancellationToken);
        }
        var existing = await db.Set<PortfolioSnapshotRow>().SingleOrDefaultAsync(s => s.PortfolioId == portfolio.Id && s.BusinessDate == businessDate, cancellationToken);
        var row = existing ?? new PortfolioSnapshotRow { PortfolioId = portfolio.Id, BusinessDate = businessDate };
        Fill(row, market, history, options.Value);
        (row.JobId, row.ComputedAt) = (jobId, clock.GetUtcNow());
        if (existing is null)
        {
            db.Set<PortfolioSnapshotRow>().Add(row);
        }

        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    /// <summary>The snapshot's figures, each from the report the API serves for it.</summary>
    public static void Fill(PortfolioSnapshotRow row, PortfolioMarket market, PriceHistory history, RiskOptions options)
    {
        var book = market.Book;
        var exposure = ExposureReport.Of(market.Portfolio.Id, market.Portfolio.BaseCurrency, book).Total;
        var greeks = GreeksReport.Sum(book.Positions);
        row.AsOf = book.AsOf;
        row.Currency = market.Portfolio.BaseCurrency;
        row.Positions = book.Positions.Count;
        row.Unpriced = book.Unpriced.Count;
        (row.MarketValue, row.GrossExposure, row.NetExposure, row.LongExposure, row.ShortExposure) =
            (exposure.MarketValue, exposure.Gross, exposure.Net, exposure.Long, exposure.Short);
        (row.DollarDelta, row.DollarGamma, row.Vega, row.Theta, row.Rho) = (greeks.DollarDelta, greeks.DollarGamma, greeks.Vega, greeks.Theta, greeks.Rho);
        if (book.Positions.Count == 0)
        {
            (row.ValueAtRisk99OneDay, row.BetaToMarket, row.FactorBetas, row.ProfitAndLossDay, row.ProfitAndLossSinceInception) = (0m, null, "{}", 0m, 0m);
            return;
        }

        // The parts of RiskAnalysis.Compute a snapshot keeps: no delta-normal covariance, no other tails (the profile's largest share).
        var scenarios = RiskAnalysis.Scenarios(book, history, options);
        var statistics = RiskAnalysis.Statistics(scenarios, options);
        var performance = PerformanceReport.Of(market.Portfolio.Id, market.Portfolio.BaseCurrency, book, history, options, statistics);
        row.ValueAtRisk99OneDay = scenarios.ProfitAndLoss.Length == 0
            ? 0m
            : Money.Round(HistoricalVar.FromProfitAndLoss(scenarios.ProfitAndLoss, 0.99).ValueAtRisk);
        row.BetaToMarket = RiskAnalysis.MarketBeta(scenarios, history);
        row.FactorBetas = JsonSerializer.Serialize(RiskAnalysis.Factors(scenarios, history).Betas.ToDictionary(b => b.Factor, b => b.Beta, StringComparer.Ordinal));
        row.ProfitAndLossDay = performance.Periods.Single(p => p.Period == "day").ProfitAndLoss;
        row.ProfitAndLossSinceInception = performance.Periods.Single(p => p.Period == "sinceInception").ProfitAndLoss;
    }
}
