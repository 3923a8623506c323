using MarketData.Application.Persistence;
using MarketData.Application.Quotes;
using MarketData.Domain;
using Microsoft.EntityFrameworkCore;
using Platform.Jobs;

namespace MarketData.Application.Refresh;

/// <summary>
/// The <c>market-data-refresh</c> job for a business date: every active asset's bars up to that
/// day, then its close as the latest quote and one <c>PricesUpdated</c> with every close, then the
/// FX rates and the option chains. Re-running a date replaces that date's numbers (upserts), never
/// adds rows; a symbol that fails is listed in the job's item errors and the run goes on.
/// </summary>
internal sealed class EndOfDayRefresh(MarketDataDb db, BarRefresher bars, FxRefresher fx, OptionChainRefresher options, QuoteWriter quotes, TimeProvider clock)
    : IJobHandler<RefreshParams>
{
    public const string Type = "market-data-refresh";

    public async Task RunAsync(JobContext<RefreshParams> job, CancellationToken cancellationToken)
    {
        var businessDate = job.BusinessDate ?? MarketCalendar.LastClosedSession(clock.GetUtcNow());
        var only = job.Parameters.Symbols?.Select(s => Symbols.Normalize(s) ?? s).ToHashSet(StringComparer.Ordinal);
        var assets = await db.Assets.AsNoTracking()
            .Where(a => a.Active)
            .OrderBy(a => a.Symbol)
            .Select(a => new { a.Id, a.Symbol, a.Currency })
            .ToListAsync(cancellationToken);
        if (only is not null)
        {
            assets = assets.Where(a => only.Contains(a.Symbol)).ToList();
        }

        job.Progress.SetTotal(assets.Count + 2);
        await bars.RefreshAsync(assets.Select(a => (a.Id, a.Symbol)).ToList(), businessDate, outcome =>
        {
            if (outcome.Error is not null)
            {
                job.Progress.ItemFailed(outcome.Symbol, outcome.Error);
            }

            job.Progress.Advance();
        }, cancellationToken);

        // The closes of the business date as latest quotes, announced all at once.
        var ids = assets.Select(a => a.Id).ToList();
        var closes = await LastTwoClosesAsync(ids, businessDate, cancellationToken);
        var byId = assets.ToDictionary(a => a.Id);
        var closingQuotes = closes
            .Where(c => c.Date == businessDate)
            .Select(c => new AssetQuote(c.AssetId, byId[c.AssetId].Currency, new Quote(byId[c.AssetId].Symbol, c.Close, c.PreviousClose ?? c.Close, MarketCalendar.CloseOf(businessDate))))
            .ToList();
        await quotes.WriteAsync(closingQuotes, announceAll: true, cancellationToken);

        foreach (var (item, error) in await fx.RefreshAsync(businessDate, cancellationToken))
        {
            job.Progress.ItemFailed(item, error);
        }

        job.Progress.Advance();
        foreach (var (item, error) in await options.RefreshAsync(businessDate, cancellationToken))
        {
            job.Progress.ItemFailed(item, error);
        }

        job.Progress.Advance();
    }

    private sealed record Closing(Guid AssetId, DateOnly Date, decimal Close, decimal? PreviousClose);

    // Per asset, its last bar on or before the date and the close before it, in one statement.
    private Task<List<Closing>> LastTwoClosesAsync(List<Guid> ids, DateOnly date, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<Closing>($"""
            SELECT a.id AS "AssetId", last.date AS "Date", last.close AS "Close", previous.close AS "PreviousClose"
            FROM unnest({ids.ToArray()}) AS a(id)
            CROSS JOIN LATERAL (
                SELECT date, close FROM marketdata.daily_bars b WHERE b.asset_id = a.id AND b.date <= {date} ORDER BY date DESC LIMIT 1) last
            LEFT JOIN LATERAL (
                SELECT close FROM marketdata.daily_bars b WHERE b.asset_id = a.id AND b.date < last.date ORDER BY date DESC LIMIT 1) previous ON true
            """).ToListAsync(cancellationToken);
}
