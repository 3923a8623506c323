using MarketData.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace MarketData.Application.Persistence;

/// <summary>
/// Bulk writes of daily bars: binary COPY into a session-local staging table (temporary, so never
/// written to the WAL), then one <c>INSERT … ON CONFLICT DO UPDATE</c> into <c>daily_bars</c>. A
/// re-run with the same numbers rewrites nothing (the update only fires for rows whose values
/// differ), a corrected bar replaces the old one, and nothing is ever deleted.
/// Runs in the context's current transaction when there is one, so a caller can make a symbol's
/// bars and its bookkeeping one atomic write.
/// </summary>
public static class BarStore
{
    private const string Staging = "bar_staging";

    private const string CreateStaging = $"""
        CREATE TEMP TABLE IF NOT EXISTS {Staging} (
            asset_id uuid NOT NULL, date date NOT NULL,
            open numeric(18,6) NOT NULL, high numeric(18,6) NOT NULL, low numeric(18,6) NOT NULL,
            close numeric(18,6) NOT NULL, adjusted_close numeric(18,6) NOT NULL, volume bigint NOT NULL
        ) ON COMMIT DELETE ROWS
        """;

    private const string Upsert = $"""
        INSERT INTO {MarketDataDb.Schema}.daily_bars AS bar (asset_id, date, open, high, low, close, adjusted_close, volume)
        SELECT DISTINCT ON (asset_id, date) asset_id, date, open, high, low, close, adjusted_close, volume
        FROM {Staging}
        ORDER BY asset_id, date
        ON CONFLICT (asset_id, date) DO UPDATE
        SET open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,
            adjusted_close = EXCLUDED.adjusted_close, volume = EXCLUDED.volume
        WHERE (bar.open, bar.high, bar.low, bar.close, bar.adjusted_close, bar.volume)
            IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close, EXCLUDED.adjusted_close, EXCLUDED.volume)
        """;

    /// <summary>Writes the bars; returns how many rows were inserted or changed.</summary>
    public static async Task<int> UpsertAsync(MarketDataDb db, IReadOnlyCollection<(Guid AssetId, DailyBar Bar)> bars, CancellationToken cancellationToken)
    {
        if (bars.Count == 0)
        {
            return 0;
        }

        await BarPartitions.EnsureAsync(db, bars.Select(b => b.Bar.Date.Year), cancellationToken);
        if (db.Database.CurrentTransaction is not null)
        {
            return await WriteAsync(db, bars, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var written = await WriteAsync(db, bars, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    private static async Task<int> WriteAsync(MarketDataDb db, IReadOnlyCollection<(Guid AssetId, DailyBar Bar)> bars, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // Emptied first: a transaction that writes twice must not upsert its first batch again.
        await using (var create = new NpgsqlCommand($"{CreateStaging}; TRUNCATE {Staging}", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            $"COPY {Staging} (asset_id, date, open, high, low, close, adjusted_close, volume) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (assetId, bar) in bars)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(assetId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(bar.Date, NpgsqlDbType.Date, cancellationToken);
                await copy.WriteAsync(bar.Open, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(bar.High, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(bar.Low, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(bar.Close, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(bar.AdjustedClose, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(bar.Volume, NpgsqlDbType.Bigint, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using var upsert = new NpgsqlCommand(Upsert, connection) { CommandTimeout = 600 };
        return await upsert.ExecuteNonQueryAsync(cancellationToken);
    }
}
