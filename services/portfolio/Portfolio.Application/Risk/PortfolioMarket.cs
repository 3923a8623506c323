using Microsoft.EntityFrameworkCore;
using Portfolio.Application.Market;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Domain.Portfolios;
using Portfolio.Domain.Positions;

namespace Portfolio.Application.Risk;

/// <summary>A portfolio valued at the service's stored prices, with the snapshot it was valued at.</summary>
public sealed record PortfolioMarket(InvestmentPortfolio Portfolio, ValuedBook Book, MarketSnapshot Snapshot);

internal static class PortfolioMarketLoader
{
    /// <summary>The read-only analytics' one shape: the portfolio if the caller may read it, valued, then <paramref name="report"/> of it.</summary>
    public static async Task<Result<T>> AnalyseAsync<T>(
        this PortfolioDb db, ICurrentUser user, Guid portfolioId, RiskOptions options, bool withHistory, TimeProvider clock,
        Func<PortfolioMarket, T> report, CancellationToken cancellationToken)
    {
        var portfolio = await db.FindReadableAsync(user, portfolioId, cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio.Error!;
        }

        return report(await db.LoadMarketAsync(portfolio.Value, options, withHistory, clock, cancellationToken));
    }

    /// <summary>
    /// <see cref="AnalyseAsync{T}"/> for the reports dashboards poll (exposures, greeks): served from
    /// <paramref name="cache"/> while the portfolio's <see cref="BookStamp"/> is unchanged.
    /// </summary>
    public static async Task<Result<CachedAnalytics>> AnalyseCachedAsync<T>(
        this PortfolioDb db, ICurrentUser user, AnalyticsCache cache, string reportName, Guid portfolioId, RiskOptions options, TimeProvider clock,
        Func<PortfolioMarket, T> report, CancellationToken cancellationToken)
    {
        var portfolio = await db.FindReadableAsync(user, portfolioId, cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio.Error!;
        }

        var stamp = await BookStamp.ReadAsync(db, portfolio.Value, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
        if (cache.TryGet(reportName, stamp, out var cached))
        {
            return cached;
        }

        var market = await db.LoadMarketAsync(portfolio.Value, options, withHistory: false, clock, cancellationToken);
        return cache.Store(reportName, stamp, report(market));
    }

    /// <summary>
    /// Loads the portfolio's live positions and values them. <paramref name="withHistory"/> loads the daily
    /// history of every underlying and factor proxy (VaR, factors, performance); without it only option
    /// underlyings get the short history their volatility needs, which keeps exposures and greeks fast.
    /// <paramref name="hypothetical"/> positions (a what-if session's trades, never saved) are valued with the
    /// stored ones, at the same snapshot, by the same code.
    /// </summary>
    public static async Task<PortfolioMarket> LoadMarketAsync(
        this PortfolioDb db, InvestmentPortfolio portfolio, RiskOptions options, bool withHistory, TimeProvider clock, CancellationToken cancellationToken,
        IReadOnlyList<Position>? hypothetical = null, IReadOnlyList<Position>? probes = null, PriceHistory? runHistory = null)
    {
        var positions = await db.Positions.AsNoTracking().Where(p => p.PortfolioId == portfolio.Id).ToListAsync(cancellationToken);
        positions.AddRange(hypothetical ?? []);
        // The book's own names date the figures; a probe (priced only to size a hedge) must not: its newer close
        // would move the as-of date, and with it every option's time to expiry.
        var booked = positions.Select(p => p.Underlying).ToHashSet(StringComparer.Ordinal);
        positions.AddRange(probes ?? []);
        var strategies = await db.Strategies.AsNoTracking().Where(s => s.PortfolioId == portfolio.Id)
            .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var underlyings = positions.Select(p => p.Underlying).Distinct(StringComparer.Ordinal).ToList();
        var currencies = positions.Select(p => p.Currency).Distinct(StringComparer.Ordinal).ToList();
        var optionUnderlyings = positions.Where(p => p.IsOption).Select(p => p.Underlying).Distinct(StringComparer.Ordinal).ToList();
        var historySymbols = withHistory
            ? underlyings.Concat(FactorProxies.Etfs).Distinct(StringComparer.Ordinal).ToList()
            : optionUnderlyings;
        var days = withHistory ? options.HistoryDays : options.VolatilityWindow + 1;
        var snapshot = await MarketSnapshot.LoadAsync(db, underlyings, currencies, portfolio.BaseCurrency, historySymbols, days, optionUnderlyings, cancellationToken, runHistory);
        // With no stored price at all, the figures (all zero) are as of today.
        var bookCloses = snapshot.Closes.Where(c => booked.Contains(c.Key)).Select(c => c.Value.Date).ToList();
        var asOf = bookCloses.Count > 0 ? bookCloses.Max()
            : snapshot.Closes.Count > 0 ? snapshot.AsOf
            : DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return new PortfolioMarket(portfolio, PortfolioValuation.Value(positions, strategies, snapshot, options, asOf), snapshot);
    }
}
