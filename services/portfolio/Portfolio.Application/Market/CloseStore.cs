using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Market;

/// <summary>Writes closes in one statement per batch (unnest of arrays), replacing a day's close when it is sent again.</summary>
public static class CloseStore
{
    public static async Task<int> UpsertAsync(this PortfolioDb db, IReadOnlyList<ClosePriceRow> closes, CancellationToken cancellationToken)
    {
        if (closes.Count == 0)
        {
            return 0;
        }

        // The last write of a (symbol, date) in a batch wins; PostgreSQL refuses a batch that names one row twice.
        var rows = closes.GroupBy(c => (c.Symbol, c.Date)).Select(g => g.Last()).ToList();
        return await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO portfolio.close_prices (symbol, date, close, adjusted_close, currency, updated_at)
            SELECT * FROM unnest(@symbols, @dates, @closes, @adjusted, @currencies, @updated)
            ON CONFLICT (symbol, date) DO UPDATE
            SET close = excluded.close, adjusted_close = excluded.adjusted_close, currency = excluded.currency, updated_at = excluded.updated_at
            WHERE (close_prices.close, close_prices.adjusted_close, close_prices.currency) IS DISTINCT FROM (excluded.close, excluded.adjusted_close, excluded.currency)
            """,
            [
                new NpgsqlParameter("symbols", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = rows.Select(r => r.Symbol).ToArray() },
                new NpgsqlParameter("dates", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = rows.Select(r => r.Date).ToArray() },
                new NpgsqlParameter("closes", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = rows.Select(r => r.Close).ToArray() },
                new NpgsqlParameter("adjusted", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = rows.Select(r => r.AdjustedClose).ToArray() },
                new NpgsqlParameter("currencies", NpgsqlDbType.Array | NpgsqlDbType.Char) { Value = rows.Select(r => r.Currency).ToArray() },
                new NpgsqlParameter("updated", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = rows.Select(r => r.UpdatedAt).ToArray() },
            ],
            cancellationToken);
    }
}
