// Bulk ingest of synthetic daily bars through marketdata's BarStore, in a scratch database migrated
// like marketdata's own. Generation, partition creation and the database write are timed apart.
//
//   dotnet benchmarks/MarketDataBench/bin/Release/net10.0/MarketDataBench.dll ingest|explain
//       --connection "Host=…;Database=marketdata_bench;Username=marketdata_svc;Password=…" [--symbols 500] [--runs 3]
//
// benchmarks/marketdata-load.sh creates the scratch database and runs both modes (INGEST=1).
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using MarketData.Application.Persistence;
using MarketData.Domain;
using MarketDataBench;
using Microsoft.EntityFrameworkCore;
using Npgsql;

if (BenchOptions.Parse(args) is not { } options)
{
    return 2;
}

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

await using (var db = ScratchDb.Open(options.ConnectionString))
{
    var migrate = Stopwatch.StartNew();
    await db.Database.MigrateAsync();
    Console.WriteLine($"migrations applied in {migrate.Elapsed.TotalSeconds:N2} s");
}

var profiles = SyntheticUniverse.Profiles(options.Symbols);
List<Guid> ids;
await using (var db = ScratchDb.Open(options.ConnectionString))
{
    ids = await ScratchDb.TrackAsync(db, profiles);
}

var generation = Stopwatch.StartNew();
var bySymbol = SyntheticUniverse.Bars(profiles, ids, options.From, options.To);
generation.Stop();
var all = bySymbol.SelectMany(s => s).ToList();
var years = all.Select(b => b.Bar.Date.Year).Distinct().Order().ToList();
Console.WriteLine(
    $"generated {all.Count:N0} bars ({options.Symbols} symbols, {options.From:yyyy-MM-dd} to {options.To:yyyy-MM-dd}, {years.Count} years) " +
    $"in {generation.Elapsed.TotalSeconds:N2} s: {all.Count / generation.Elapsed.TotalSeconds:N0} bars/s (one thread, SimulatedMarket)");

return options.Mode == "explain" ? await ExplainAsync() : await IngestAsync();

async Task<int> IngestAsync()
{
    // Every close moved by one cent: (d) must rewrite every row.
    var changed = all.Select(b => (b.AssetId, b.Bar with { Close = b.Bar.Close + 0.01m, AdjustedClose = b.Bar.AdjustedClose + 0.01m })).ToList();
    var results = new Dictionary<string, List<double>>();
    void Record(string label, int rows, TimeSpan elapsed, long written)
    {
        var rate = rows / elapsed.TotalSeconds;
        (results.TryGetValue(label, out var list) ? list : results[label] = []).Add(rate);
        Console.WriteLine($"  {label,-34} {rows,10:N0} bars {elapsed.TotalSeconds,7:N2} s {rate,10:N0} bars/s  ({written:N0} rows written)");
    }

    var partitionTimes = new List<double>();
    for (var run = 1; run <= options.Runs; run++)
    {
        Console.WriteLine($"run {run} of {options.Runs}");
        var connection = ScratchDb.ForRun(options.ConnectionString, run.ToString(CultureInfo.InvariantCulture));
        await using (var db = ScratchDb.Open(connection))
        {
            await ScratchDb.DropPartitionsAsync(db, years);
            var partitions = Stopwatch.StartNew();
            await BarPartitions.EnsureAsync(db, years, CancellationToken.None);
            partitions.Stop();
            partitionTimes.Add(partitions.Elapsed.TotalMilliseconds);
            Console.WriteLine($"  partitions: {years.Count} created in {partitions.Elapsed.TotalMilliseconds:N1} ms");
        }

        await TimeAsync("a. one call, empty table", all, connection);
        await TimeAsync("c. same data again (no change)", all, connection);
        await TimeAsync("d. every close changed", changed, connection);
        await using (var db = ScratchDb.Open(connection))
        {
            await ScratchDb.TruncateBarsAsync(db);
        }

        var batch = options.BatchSymbols > 0 ? options.BatchSymbols : 1;
        var clock = Stopwatch.StartNew();
        long written = 0;
        await using (var db = ScratchDb.Open(connection))
        {
            foreach (var chunk in bySymbol.Chunk(batch))
            {
                written += await BarStore.UpsertAsync(db, chunk.SelectMany(s => s).ToList(), CancellationToken.None);
            }
        }

        clock.Stop();
        Record($"b. {(batch == 1 ? "per symbol" : $"{batch} symbols per call")} ({Math.Ceiling(bySymbol.Length / (double)batch):N0} calls)", all.Count, clock.Elapsed, written);
        await using (var db = ScratchDb.Open(connection))
        {
            Console.WriteLine($"  daily_bars holds {await ScratchDb.CountBarsAsync(db):N0} rows");
        }
    }

    Console.WriteLine();
    Console.WriteLine($"medians of {options.Runs} runs ({all.Count:N0} bars; generation {generation.Elapsed.TotalSeconds:N2} s, {all.Count / generation.Elapsed.TotalSeconds:N0} bars/s, not included):");
    Console.WriteLine($"RESULT partitions {years.Count} {Median(partitionTimes):N1} ms");
    foreach (var (label, rates) in results)
    {
        Console.WriteLine($"RESULT {label}: {Median(rates):N0} bars/s (runs: {string.Join(", ", rates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))})");
    }

    return 0;

    async Task TimeAsync(string label, List<(Guid, DailyBar)> bars, string connection)
    {
        await using var db = ScratchDb.Open(connection);
        var clock = Stopwatch.StartNew();
        var written = await BarStore.UpsertAsync(db, bars, CancellationToken.None);
        clock.Stop();
        Record(label, bars.Count, clock.Elapsed, written);
    }
}

// One COPY through BarStore inside a transaction that is rolled back; the staging table keeps its rows
// until then, so the same upsert can be explained over them: into an empty table, then into one
// holding exactly these rows. COPY's share is the whole call minus the upsert's execution time.
async Task<int> ExplainAsync()
{
    var upsert = (string)typeof(BarStore).GetField("Upsert", BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;
    await using var db = ScratchDb.Open(ScratchDb.ForRun(options.ConnectionString, "explain"));
    await ScratchDb.TruncateBarsAsync(db);
    await BarPartitions.EnsureAsync(db, years, CancellationToken.None);
    await db.Database.OpenConnectionAsync();
    var connection = (NpgsqlConnection)db.Database.GetDbConnection();
    await using var transaction = await db.Database.BeginTransactionAsync();
    var clock = Stopwatch.StartNew();
    var written = await BarStore.UpsertAsync(db, all, CancellationToken.None);
    clock.Stop();
    Console.WriteLine($"BarStore.UpsertAsync, one call: {all.Count:N0} bars, {written:N0} written, {clock.Elapsed.TotalSeconds:N2} s ({all.Count / clock.Elapsed.TotalSeconds:N0} bars/s)");
    await Sql("TRUNCATE marketdata.daily_bars");
    foreach (var (label, explain) in new[]
    {
        ("upsert into an empty table, no per-node timing", "EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)"),
        ("upsert into an empty table", "EXPLAIN (ANALYZE, BUFFERS)"),
        ("upsert of the same rows again (nothing changes)", "EXPLAIN (ANALYZE, BUFFERS)"),
    })
    {
        if (label.StartsWith("upsert into an empty", StringComparison.Ordinal))
        {
            await Sql("TRUNCATE marketdata.daily_bars");
        }

        Console.WriteLine($"=== {label}");
        await using var command = new NpgsqlCommand($"{explain} {upsert}", connection) { CommandTimeout = 600 };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine(reader.GetString(0));
        }
    }

    await transaction.RollbackAsync();
    return 0;

    async Task Sql(string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
