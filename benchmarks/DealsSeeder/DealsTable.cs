using Npgsql;
using NpgsqlTypes;
using Platform.SharedKernel;

namespace DealsSeeder;

/// <summary>
/// <c>deals.deals</c> as the InitialDeals migration creates it. <c>xmin</c> (system) and
/// <c>search_vector</c> (generated, stored) are left to PostgreSQL.
/// </summary>
internal static class DealsTable
{
    public const string Name = "deals.deals";

    private static readonly string[] Columns =
    [
        "id", "name", "type", "stage", "review_status", "target_name", "target_ticker", "target_exchange", "target_country",
        "acquirer_name", "acquirer_ticker", "sector", "industry", "region", "announced_on", "expected_close_on", "actual_close_on",
        "deal_value", "currency", "consideration", "offer_price_per_share", "exchange_ratio", "premium_percent",
        "current_target_price", "current_acquirer_price", "prices_as_of", "spread", "annualized_return", "probability_of_close",
        "break_fee", "regulatory_approvals", "advisors", "financing", "is_hostile", "tags", "analyst_notes", "source_document_ref",
        "owner_id", "submitted_at", "reviewer_id", "reviewed_at", "review_comment", "deleted_at", "created_at", "created_by",
        "updated_at", "updated_by",
    ];

    /// <summary>Fails early, with a useful message, when the service has not migrated the database yet.</summary>
    public static async Task EnsureExistsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass(@name) IS NOT NULL", connection);
        command.Parameters.AddWithValue("name", Name);
        if (await command.ExecuteScalarAsync() is not true)
        {
            throw new InvalidOperationException($"{Name} does not exist: start the deals service once (make run) so it applies its migrations.");
        }
    }

    public static async Task<long> CountAsync(NpgsqlConnection connection, bool seededOnly)
    {
        await using var command = new NpgsqlCommand(
            seededOnly ? $"SELECT count(*) FROM {Name} WHERE created_by = @marker" : $"SELECT count(*) FROM {Name}", connection);
        command.Parameters.AddWithValue("marker", DealGenerator.Marker);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Removes earlier seeded rows: TRUNCATE when the table holds nothing else, DELETE otherwise.</summary>
    public static async Task<long> RemoveSeededAsync(NpgsqlConnection connection)
    {
        var seeded = await CountAsync(connection, seededOnly: true);
        if (seeded == 0)
        {
            return 0;
        }

        var sql = seeded == await CountAsync(connection, seededOnly: false)
            ? $"TRUNCATE {Name}"
            : $"DELETE FROM {Name} WHERE created_by = @marker";
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        command.Parameters.AddWithValue("marker", DealGenerator.Marker);
        await command.ExecuteNonQueryAsync();
        return seeded;
    }

    /// <summary>One binary COPY for all rows; returns the number PostgreSQL confirms.</summary>
    public static async Task<ulong> CopyAsync(NpgsqlConnection connection, IEnumerable<SeedDeal> deals, Action<long>? progress)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {Name} ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)");
        long written = 0;
        foreach (var deal in deals)
        {
            WriteRow(importer, deal);
            if (++written % 10_000 == 0)
            {
                progress?.Invoke(written);
            }
        }

        return await importer.CompleteAsync();
    }

    /// <summary>
    /// The COPY's commit must be on disk before VACUUM: with <c>synchronous_commit = off</c> (the local
    /// cluster's setting) a VACUUM in the next few hundred milliseconds cannot set hint bits, leaves every
    /// page out of the visibility map, and the planner then prices index-only scans as heap lookups.
    /// </summary>
    public static async Task SynchronousCommitAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SET synchronous_commit = on", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>VACUUM (ANALYZE); returns the table's pages and how many of them are all-visible afterwards.</summary>
    public static async Task<(int Pages, int AllVisible)> VacuumAnalyzeAsync(NpgsqlConnection connection)
    {
        await using (var vacuum = new NpgsqlCommand($"VACUUM (ANALYZE) {Name}", connection) { CommandTimeout = 600 })
        {
            await vacuum.ExecuteNonQueryAsync();
        }

        await using var pages = new NpgsqlCommand("SELECT relpages, relallvisible FROM pg_class WHERE oid = @name::regclass", connection);
        pages.Parameters.AddWithValue("name", Name);
        await using var reader = await pages.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>Rows per review status, as the list filter sees them (deleted rows excluded).</summary>
    public static async Task<IReadOnlyList<(string Status, long Count)>> ReviewStatusesAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT review_status, count(*) FROM {Name} WHERE deleted_at IS NULL GROUP BY review_status ORDER BY 2 DESC", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return rows;
    }

    // Synchronous writes: the importer buffers and only flushes every few kilobytes.
    private static void WriteRow(NpgsqlBinaryImporter row, SeedDeal deal)
    {
        var t = deal.Terms;
        row.StartRow();
        row.Write(deal.Id, NpgsqlDbType.Uuid);
        row.Write(t.Name, NpgsqlDbType.Varchar);
        // Enums as their C# names: the DbContext maps them with HasConversion<string>().
        row.Write(EnumText.Name(t.Type), NpgsqlDbType.Varchar);
        row.Write(EnumText.Name(t.Stage), NpgsqlDbType.Varchar);
        row.Write(EnumText.Name(deal.ReviewStatus), NpgsqlDbType.Varchar);
        row.Write(t.TargetName, NpgsqlDbType.Varchar);
        Text(row, t.TargetTicker, NpgsqlDbType.Varchar);
        Text(row, t.TargetExchange, NpgsqlDbType.Varchar);
        Text(row, t.TargetCountry, NpgsqlDbType.Char);
        Text(row, t.AcquirerName, NpgsqlDbType.Varchar);
        Text(row, t.AcquirerTicker, NpgsqlDbType.Varchar);
        Text(row, t.Sector, NpgsqlDbType.Varchar);
        Text(row, t.Industry, NpgsqlDbType.Varchar);
        Text(row, t.Region, NpgsqlDbType.Varchar);
        row.Write(t.AnnouncedOn, NpgsqlDbType.Date);
        Value(row, t.ExpectedCloseOn, NpgsqlDbType.Date);
        Value(row, t.ActualCloseOn, NpgsqlDbType.Date);
        Value(row, t.DealValue, NpgsqlDbType.Numeric);
        row.Write(t.Currency, NpgsqlDbType.Char);
        row.Write(EnumText.Name(t.Consideration), NpgsqlDbType.Varchar);
        Value(row, t.OfferPricePerShare, NpgsqlDbType.Numeric);
        Value(row, t.ExchangeRatio, NpgsqlDbType.Numeric);
        Value(row, t.PremiumPercent, NpgsqlDbType.Numeric);
        Value(row, t.CurrentTargetPrice, NpgsqlDbType.Numeric);
        Value(row, t.CurrentAcquirerPrice, NpgsqlDbType.Numeric);
        Value(row, t.PricesAsOf, NpgsqlDbType.Date);
        Value(row, deal.Spread, NpgsqlDbType.Numeric);
        Value(row, deal.AnnualizedReturn, NpgsqlDbType.Numeric);
        Value(row, t.ProbabilityOfClose, NpgsqlDbType.Numeric);
        Value(row, t.BreakFee, NpgsqlDbType.Numeric);
        row.Write(t.RegulatoryApprovals.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        row.Write(t.Advisors.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        Text(row, t.Financing, NpgsqlDbType.Varchar);
        row.Write(t.IsHostile, NpgsqlDbType.Boolean);
        row.Write(t.Tags.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        Text(row, t.AnalystNotes, NpgsqlDbType.Varchar);
        Text(row, t.SourceDocumentRef, NpgsqlDbType.Varchar);
        row.Write(deal.OwnerId, NpgsqlDbType.Uuid);
        Value(row, deal.SubmittedAt, NpgsqlDbType.TimestampTz);
        Value(row, deal.ReviewerId, NpgsqlDbType.Uuid);
        Value(row, deal.ReviewedAt, NpgsqlDbType.TimestampTz);
        Text(row, deal.ReviewComment, NpgsqlDbType.Varchar);
        Value(row, deal.DeletedAt, NpgsqlDbType.TimestampTz);
        row.Write(deal.CreatedAt, NpgsqlDbType.TimestampTz);
        row.Write(deal.CreatedBy, NpgsqlDbType.Text);
        row.Write(deal.UpdatedAt, NpgsqlDbType.TimestampTz);
        row.Write(deal.UpdatedBy, NpgsqlDbType.Text);
    }

    private static void Text(NpgsqlBinaryImporter row, string? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            row.WriteNull();
        }
        else
        {
            row.Write(value, type);
        }
    }

    private static void Value<T>(NpgsqlBinaryImporter row, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is { } present)
        {
            row.Write(present, type);
        }
        else
        {
            row.WriteNull();
        }
    }
}
