using Deals.Application.Persistence;
using Deals.Domain;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.MarketData;
using Platform.Messaging;
using Platform.Messaging.Inbox;

namespace Deals.Application.Market;

/// <summary>
/// Stores the quoted prices of every open deal whose target or acquirer is quoted, in the deal's market
/// row (<see cref="DealMarketPrice"/>). Two statements per event, whatever its size: one read of the
/// matching deals, one upsert of their rows. A quote in another currency than the deal's is skipped:
/// its spread against the deal's offer would be meaningless without an exchange rate.
/// </summary>
public sealed class PricesUpdatedConsumer(DealsDb db) : InboxConsumer<PricesUpdated, DealsDb>(db)
{
    protected override async Task HandleAsync(PricesUpdated message, ConsumeContext<PricesUpdated> context)
    {
        if (message.Quotes is null || message.Quotes.Any(q => q is null || string.IsNullOrWhiteSpace(q.Ticker) || string.IsNullOrWhiteSpace(q.Currency)))
        {
            throw new PermanentMessageException("PricesUpdated has a quote without a ticker or currency.");
        }

        // The newest quote per ticker and currency; a price that is not positive is no price.
        var quotes = message.Quotes
            .Where(q => q.Price > 0m)
            .Select(q => q with { Ticker = q.Ticker.Trim().ToUpperInvariant(), Currency = q.Currency.Trim().ToUpperInvariant(), AsOf = q.AsOf.ToUniversalTime() })
            .GroupBy(q => (q.Ticker, q.Currency))
            .ToDictionary(g => g.Key, g => g.MaxBy(q => q.AsOf)!);
        var tickers = quotes.Keys.Select(k => k.Ticker).Distinct().ToList();
        if (tickers.Count == 0)
        {
            return;
        }

        var deals = await Db.Deals.AsNoTracking()
            .Where(d => LifecycleStages.Open.Contains(d.Stage)
                && ((d.TargetTicker != null && tickers.Contains(d.TargetTicker)) || (d.AcquirerTicker != null && tickers.Contains(d.AcquirerTicker))))
            .Select(d => new { d.Id, d.TargetTicker, d.AcquirerTicker, d.Currency })
            .ToListAsync(context.CancellationToken);
        var rows = deals
            .Select(d => (d.Id, Target: Quote(d.TargetTicker, d.Currency), Acquirer: Quote(d.AcquirerTicker, d.Currency)))
            .Where(r => r.Target is not null || r.Acquirer is not null)
            .ToList();
        if (rows.Count > 0)
        {
            await UpsertAsync(rows, context.CancellationToken);
        }

        PriceQuote? Quote(string? ticker, string currency) =>
            ticker is not null && quotes.TryGetValue((ticker, currency), out var quote) ? quote : null;
    }

    // A leg is replaced by a newer quote, or by any quote when it was for another ticker or currency (the
    // deal's terms changed); a leg the event does not quote stays as it is. Older quotes never win: the
    // comparison is made against the row as ON CONFLICT locked it, so concurrent events cannot race.
    private static readonly string Upsert = $$"""
        INSERT INTO deals.deal_market_prices AS m (deal_id, target_ticker, target_currency, target_price, target_as_of,
            acquirer_ticker, acquirer_currency, acquirer_price, acquirer_as_of, updated_at)
        SELECT q.*, now()
        FROM unnest({0}::uuid[], {1}::text[], {2}::text[], {3}::numeric[], {4}::timestamptz[],
            {5}::text[], {6}::text[], {7}::numeric[], {8}::timestamptz[]) AS q
        ON CONFLICT (deal_id) DO UPDATE SET {{Replace("target")}}, {{Replace("acquirer")}}, updated_at = now()
        """;

    private static string Replace(string leg)
    {
        var newer = $"excluded.{leg}_price IS NOT NULL AND (m.{leg}_as_of IS NULL OR excluded.{leg}_as_of > m.{leg}_as_of " +
            $"OR m.{leg}_ticker IS DISTINCT FROM excluded.{leg}_ticker OR m.{leg}_currency IS DISTINCT FROM excluded.{leg}_currency)";
        return string.Join(", ", new[] { "ticker", "currency", "price", "as_of" }
            .Select(column => $"{leg}_{column} = CASE WHEN {newer} THEN excluded.{leg}_{column} ELSE m.{leg}_{column} END"));
    }

    private Task UpsertAsync(List<(Guid Id, PriceQuote? Target, PriceQuote? Acquirer)> rows, CancellationToken cancellationToken) =>
        // Only constant SQL is concatenated; every value is a parameter.
#pragma warning disable EF1003
        Db.Database.ExecuteSqlRawAsync(Upsert, [
            rows.Select(r => r.Id).ToArray(),
            rows.Select(r => r.Target?.Ticker).ToArray(),
            rows.Select(r => r.Target?.Currency).ToArray(),
            rows.Select(r => r.Target?.Price).ToArray(),
            rows.Select(r => r.Target?.AsOf).ToArray(),
            rows.Select(r => r.Acquirer?.Ticker).ToArray(),
            rows.Select(r => r.Acquirer?.Currency).ToArray(),
            rows.Select(r => r.Acquirer?.Price).ToArray(),
            rows.Select(r => r.Acquirer?.AsOf).ToArray(),
        ], cancellationToken);
#pragma warning restore EF1003
}
