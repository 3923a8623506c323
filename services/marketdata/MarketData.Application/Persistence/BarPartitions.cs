using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketData.Application.Persistence;

/// <summary>
/// <c>daily_bars</c> is partitioned by range of date, one partition per calendar year
/// (<c>daily_bars_2024</c>), so a query for recent history touches one small partition and its index
/// however many years are stored. There is no default partition: a row for a year without one fails
/// loudly instead of landing in a catch-all that would block creating that year's partition later.
/// The service creates partitions ahead: at start-up for the history window and next year, and
/// before every bulk write for the years the batch spans.
/// </summary>
public static class BarPartitions
{
    public const int MinYear = 1970;
    public const int MaxYear = 2200;

    // Years known to exist, per database: partitions are never dropped by the service, so a year
    // seen once needs no second look.
    private static readonly ConcurrentDictionary<(string Database, int Year), bool> Known = new();

    public static string TableFor(int year) => $"daily_bars_{year}";

    /// <summary>Creates the partitions of <paramref name="years"/> that do not exist yet, on the context's connection and transaction.</summary>
    public static async Task EnsureAsync(MarketDataDb db, IEnumerable<int> years, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var database = connection.ConnectionString;
        var missing = years.Distinct().Where(year => !Known.ContainsKey((database, year))).Order().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        foreach (var year in missing)
        {
            if (year is < MinYear or > MaxYear)
            {
                throw new ArgumentOutOfRangeException(nameof(years), year, $"Bars are kept for the years {MinYear} to {MaxYear}.");
            }
        }

        // Inside a caller's transaction the partitions exist only if it commits, so they are not remembered.
        var ownTransaction = db.Database.CurrentTransaction is null;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Replicas may ensure the same year at once; a transaction-scoped advisory lock serialises
            // the check-and-create (CREATE ... IF NOT EXISTS alone can still race on the catalog).
            await using var transaction = ownTransaction ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('marketdata.daily_bars.partitions'))", connection))
            {
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var year in missing)
            {
                // Identifiers and bounds come from an integer year checked above, never from input text.
                var sql = $"""
                    CREATE TABLE IF NOT EXISTS {MarketDataDb.Schema}.{TableFor(year)}
                    PARTITION OF {MarketDataDb.Schema}.daily_bars
                    FOR VALUES FROM ('{year:D4}-01-01') TO ('{year + 1:D4}-01-01')
                    """;
                await using var create = new NpgsqlCommand(sql, connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        if (ownTransaction)
        {
            foreach (var year in missing)
            {
                Known[(database, year)] = true;
            }
        }
    }

    /// <summary>The years that have a partition, oldest first (operations and tests).</summary>
    public static async Task<List<int>> ListAsync(MarketDataDb db, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<string>($"""
            SELECT child.relname AS "Value"
            FROM pg_inherits
            JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
            JOIN pg_class child ON child.oid = pg_inherits.inhrelid
            JOIN pg_namespace ns ON ns.oid = parent.relnamespace
            WHERE ns.nspname = {MarketDataDb.Schema} AND parent.relname = 'daily_bars'
            """).ToListAsync(cancellationToken))
        .Select(name => int.Parse(name["daily_bars_".Length..], System.Globalization.CultureInfo.InvariantCulture))
        .Order()
        .ToList();
}
