using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Market;

/// <summary>What one sync pass did, for logs and tests.</summary>
public sealed record SyncOutcome(int Tracked, int BackFilled, int ClosesWritten, int FxRates, int OptionChains, int Unavailable);

/// <summary>
/// One pass of keeping the service's market data: every symbol a live position is on, and the factor
/// ETFs, is tracked by marketdata and back-filled once (<see cref="MarketDataOptions.HistoryYears"/>); after
/// that each pass fetches the last few days again, so a missed PricesUpdated is repaired. FX rates to
/// each portfolio's base currency are refreshed for every currency a position is in.
/// </summary>
public sealed class MarketDataSync(PortfolioDb db, MarketDataClient marketData, InstrumentDirectory directory, IOptions<MarketDataOptions> options, TimeProvider clock, ILogger<MarketDataSync> logger)
{
    /// <summary>Days fetched again on every pass: covers a weekend and a missed end-of-day event.</summary>
    private const int RepairDays = 7;

    public async Task<SyncOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var held = await db.Positions.AsNoTracking().Select(p => p.Underlying).Distinct().ToListAsync(cancellationToken);
        var wanted = held.Concat(FactorProxies.Etfs).Distinct(StringComparer.Ordinal).ToList();
        var known = await db.Instruments.Where(i => wanted.Contains(i.Symbol)).ToDictionaryAsync(i => i.Symbol, StringComparer.Ordinal, cancellationToken);

        var (tracked, unavailable) = (0, 0);
        foreach (var symbol in wanted.Where(s => !known.ContainsKey(s)))
        {
            var lookup = await directory.DescribeAsync(symbol, cancellationToken);
            if (lookup.Instrument is { } row)
            {
                known[symbol] = row;
                tracked++;
            }
            else
            {
                unavailable++;
            }
        }

        var (backFilled, written) = (0, 0);
        var describedSymbols = known.Values.ToList();
        foreach (var group in describedSymbols.GroupBy(i => i.HistorySyncedAt is null))
        {
            var from = group.Key ? today.AddYears(-settings.HistoryYears) : today.AddDays(-RepairDays);
            foreach (var batch in group.Chunk(settings.HistoryBatchSize))
            {
                if (await marketData.HistoryAsync([.. batch.Select(i => i.Symbol)], from, today, cancellationToken) is not { } history)
                {
                    unavailable += batch.Length;
                    continue;
                }

                var closes = history.Series.SelectMany(s => s.Closes.Select(c => new ClosePriceRow
                {
                    Symbol = s.Symbol, Date = c.Date, Close = c.Close, AdjustedClose = c.AdjustedClose, Currency = s.Currency, UpdatedAt = now,
                })).ToList();
                written += await db.UpsertAsync(closes, cancellationToken);
                // A symbol marketdata is still back-filling answers with no closes: it is asked again next pass.
                foreach (var series in history.Series.Where(s => s.Closes.Count > 0))
                {
                    var instrument = known[series.Symbol];
                    if (instrument.HistorySyncedAt is null)
                    {
                        backFilled++;
                    }

                    instrument.HistorySyncedAt = now;
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var fx = await SyncFxAsync(cancellationToken);
        var chains = await SyncOptionChainsAsync(cancellationToken);
        var outcome = new SyncOutcome(tracked, backFilled, written, fx, chains, unavailable);
        logger.LogInformation("Market data sync: {Tracked} tracked, {BackFilled} back-filled, {Closes} closes written, {Fx} FX rates, {Chains} option chains, {Unavailable} not answered",
            outcome.Tracked, outcome.BackFilled, outcome.ClosesWritten, outcome.FxRates, outcome.OptionChains, outcome.Unavailable);
        return outcome;
    }

    /// <summary>Replaces, per underlying an option position is on, the implied volatilities of its latest chain.</summary>
    private async Task<int> SyncOptionChainsAsync(CancellationToken cancellationToken)
    {
        var underlyings = await db.Positions.AsNoTracking().Where(p => p.Right != null).Select(p => p.Underlying).Distinct().ToListAsync(cancellationToken);
        var synced = 0;
        foreach (var underlying in underlyings)
        {
            if (await marketData.OptionChainAsync(underlying, cancellationToken) is not { } chain)
            {
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.OptionVolatilities.Where(v => v.Underlying == underlying).ExecuteDeleteAsync(cancellationToken);
            db.OptionVolatilities.AddRange(chain.Contracts
                .Where(c => c.ImpliedVolatility is > 0 and < 10 && c.Right is "call" or "put")
                .GroupBy(c => (c.Expiry, c.Strike, c.Right)).Select(g => g.First())
                .Select(c => new OptionVolatilityRow
                {
                    Underlying = underlying, Expiry = c.Expiry, Strike = c.Strike, Right = c.Right, ImpliedVolatility = c.ImpliedVolatility!.Value, AsOf = chain.AsOf,
                }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            synced++;
        }

        return synced;
    }

    private async Task<int> SyncFxAsync(CancellationToken cancellationToken)
    {
        var pairs = await (
                from position in db.Positions.AsNoTracking()
                join portfolio in db.Portfolios.AsNoTracking() on position.PortfolioId equals portfolio.Id
                where position.Currency != portfolio.BaseCurrency
                select new { From = position.Currency, To = portfolio.BaseCurrency })
            .Distinct().ToListAsync(cancellationToken);
        var stored = 0;
        foreach (var pair in pairs)
        {
            if (await marketData.FxAsync(pair.From, pair.To, cancellationToken) is not { } rate)
            {
                continue;
            }

            var existing = await db.FxRates.FindAsync([rate.Base, rate.Quote, rate.Date], cancellationToken);
            if (existing is null)
            {
                db.FxRates.Add(new FxRateRow { BaseCurrency = rate.Base, QuoteCurrency = rate.Quote, Date = rate.Date, Rate = rate.Rate });
            }
            else
            {
                existing.Rate = rate.Rate;
            }

            stored++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return stored;
    }
}
