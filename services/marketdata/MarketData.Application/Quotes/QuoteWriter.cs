using MarketData.Application.Persistence;
using MarketData.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts.MarketData;
using Platform.Messaging.Outbox;

namespace MarketData.Application.Quotes;

/// <summary>A quote for a tracked asset, with what the event and the cache need about it.</summary>
public sealed record AssetQuote(Guid AssetId, string Currency, Quote Quote);

/// <summary>
/// Stores latest quotes and announces them, in one transaction: the upsert (a quote older than the
/// stored one never replaces it), the <c>PricesUpdated</c> event in the outbox, and a NOTIFY that
/// wakes every replica's quote streams at commit. The cache is written after the commit.
/// </summary>
public sealed class QuoteWriter(MarketDataDb db, QuoteCache cache, TimeProvider clock)
{
    public const string Channel = "marketdata_quotes";

    private const string Upsert = $"""
        INSERT INTO {MarketDataDb.Schema}.quotes AS q (asset_id, price, previous_close, as_of, updated_at)
        SELECT asset_id, price, previous_close, as_of, @now
        FROM unnest(@ids, @prices, @previous, @asOf) AS incoming(asset_id, price, previous_close, as_of)
        ON CONFLICT (asset_id) DO UPDATE
        SET price = EXCLUDED.price, previous_close = EXCLUDED.previous_close, as_of = EXCLUDED.as_of, updated_at = EXCLUDED.updated_at
        WHERE q.as_of <= EXCLUDED.as_of
          AND (q.price, q.previous_close, q.as_of) IS DISTINCT FROM (EXCLUDED.price, EXCLUDED.previous_close, EXCLUDED.as_of)
        RETURNING asset_id
        """;

    /// <summary>
    /// Writes the quotes. With <paramref name="announceAll"/> (the end-of-day closes) the event lists
    /// every quote given; otherwise (intraday ticks) only those that changed, and none at all when none did.
    /// </summary>
    /// <returns>The quotes that changed the stored ones.</returns>
    public async Task<IReadOnlyList<AssetQuote>> WriteAsync(IReadOnlyList<AssetQuote> quotes, bool announceAll, CancellationToken cancellationToken)
    {
        if (quotes.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        var unique = quotes.GroupBy(q => q.AssetId).Select(g => g.MaxBy(q => q.Quote.AsOf)!).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var changedIds = new HashSet<Guid>();
        await using (var command = new NpgsqlCommand(Upsert, connection))
        {
            command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now });
            command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = unique.Select(q => q.AssetId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("prices", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = unique.Select(q => q.Quote.Price).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("previous", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = unique.Select(q => q.Quote.PreviousClose).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("asOf", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = unique.Select(q => q.Quote.AsOf.ToUniversalTime()).ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                changedIds.Add(reader.GetGuid(0));
            }
        }

        var changed = unique.Where(q => changedIds.Contains(q.AssetId)).ToList();
        var announced = announceAll ? unique : changed;
        if (announced.Count > 0)
        {
            db.AddIntegrationEvent(new PricesUpdated(
                Guid.CreateVersion7(now),
                now,
                announced.Select(q => new PriceQuote(q.Quote.Symbol, q.Quote.Price, q.Currency, q.Quote.AsOf)).ToList()));
            await db.SaveChangesAsync(cancellationToken);
        }

        if (changed.Count > 0)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, '')", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await cache.PutAsync(changed.Select(q => QuoteView.Of(q.Quote, q.Currency)).ToList());
        return changed;
    }
}
