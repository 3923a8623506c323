using MarketData.Application.Persistence;
using MarketData.Application.Providers;
using MarketData.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MarketData.Application.Refresh;

/// <summary>What one symbol's refresh did: bars written, or why nothing was.</summary>
public sealed record SymbolRefreshOutcome(string Symbol, int BarsReceived, int BarsWritten, string? Error);

/// <summary>
/// Brings the daily bars of assets up to a business date. Per symbol: fetch from the day after the
/// last stored bar (the business date itself is always fetched again, so a re-run replaces it), or
/// from the history window for a new symbol; check every bar; then write the bars and the symbol's
/// refresh state in one transaction. A provider failure or a bad payload writes nothing for that
/// symbol and records why; the other symbols go on. Because the next run starts from what is
/// stored, a run that crashed half-way is resumed without gaps by the next one.
/// </summary>
public sealed class BarRefresher(IServiceScopeFactory scopes, MarketDataSources sources, IOptions<MarketDataOptions> options, TimeProvider clock, MarketDataMetrics metrics, ILogger<BarRefresher> logger)
{
    public async Task<IReadOnlyList<SymbolRefreshOutcome>> RefreshAsync(
        IReadOnlyList<(Guid Id, string Symbol)> assets, DateOnly businessDate, Action<SymbolRefreshOutcome> onEach, CancellationToken cancellationToken)
    {
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<SymbolRefreshOutcome>();
        await Parallel.ForEachAsync(
            assets,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.RefreshConcurrency, CancellationToken = cancellationToken },
            async (asset, ct) =>
            {
                var outcome = await RefreshOneAsync(asset.Id, asset.Symbol, businessDate, ct);
                outcomes.Add(outcome);
                onEach(outcome);
            });
        return outcomes.ToList();
    }

    private async Task<SymbolRefreshOutcome> RefreshOneAsync(Guid assetId, string symbol, DateOnly businessDate, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketDataDb>();
        var lastStored = await db.Bars.Where(b => b.AssetId == assetId).OrderByDescending(b => b.Date).Select(b => (DateOnly?)b.Date).FirstOrDefaultAsync(cancellationToken);
        var from = lastStored is { } last
            ? (last.AddDays(1) < businessDate ? last.AddDays(1) : businessDate)
            : businessDate.AddYears(-options.Value.HistoryYears);

        IReadOnlyList<DailyBar> bars;
        try
        {
            bars = await sources.DailyBars.GetDailyBarsAsync(symbol, from, businessDate, cancellationToken);
            Check(sources.DailyBars.Name, bars, from, businessDate);
        }
        catch (ProviderException e)
        {
            if (e is ProviderPayloadException)
            {
                metrics.PayloadRejected(e.Provider, "bars");
            }

            logger.LogWarning("Refresh of {Symbol} from {From} to {To} wrote nothing: {Reason}", symbol, from, businessDate, e.Message);
            await RecordAsync(db, assetId, error: e.Message, cancellationToken);
            return new SymbolRefreshOutcome(symbol, 0, 0, e.Message);
        }

        await BarPartitions.EnsureAsync(db, bars.Select(b => b.Date.Year), cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var written = await BarStore.UpsertAsync(db, bars.Select(b => (assetId, b)).ToList(), cancellationToken);
        await RecordAsync(db, assetId, error: null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.BarsWritten(written);
        return new SymbolRefreshOutcome(symbol, bars.Count, written, null);
    }

    /// <summary>Every bar sound, inside the window asked for, in strictly increasing date order; otherwise nothing is kept.</summary>
    private static void Check(string provider, IReadOnlyList<DailyBar> bars, DateOnly from, DateOnly to)
    {
        DateOnly? previous = null;
        foreach (var bar in bars)
        {
            if (bar.Defect() is { } defect)
            {
                throw new ProviderPayloadException(provider, defect);
            }

            if (bar.Date < from || bar.Date > to)
            {
                throw new ProviderPayloadException(provider, $"{bar.Date:yyyy-MM-dd} is outside the range asked for ({from:yyyy-MM-dd} to {to:yyyy-MM-dd})");
            }

            if (previous is { } p && bar.Date <= p)
            {
                throw new ProviderPayloadException(provider, $"bars are not in increasing date order at {bar.Date:yyyy-MM-dd}");
            }

            previous = bar.Date;
        }
    }

    private async Task RecordAsync(MarketDataDb db, Guid assetId, string? error, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var message = error is null ? null : error.Length > 1000 ? error[..1000] : error;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO marketdata.refresh_states (asset_id, last_attempt_at, last_succeeded_at, last_error)
            VALUES ({assetId}, {now}, {(error is null ? (DateTimeOffset?)now : null)}, {message})
            ON CONFLICT (asset_id) DO UPDATE SET
                last_attempt_at = EXCLUDED.last_attempt_at,
                last_succeeded_at = COALESCE(EXCLUDED.last_succeeded_at, refresh_states.last_succeeded_at),
                last_error = EXCLUDED.last_error
            """, cancellationToken);
    }
}
