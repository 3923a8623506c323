// Fills deals.deals with deterministic, realistic deals for benchmarks, through one binary COPY.
//
//   dotnet run -c Release --project benchmarks/DealsSeeder -- [--count 100000] [--truncate]
//       [--connection "Host=…;Port=…;Database=platform;Username=deals_svc;Password=…"]
//       [--seed 20261121] [--today 2026-11-21] [--deleted-percent 1] [--no-vacuum]
//
// The connection string defaults to the environment variable ConnectionStrings__Postgres (what the
// deals service itself reads). Every row passes DealRules.Normalize/Validate and carries the figures
// DealFigures.Derive computes, so the service reads it exactly as one it wrote. Seeded rows are marked
// created_by = 'deals-seeder'; --truncate removes them (and only them) first. The same options always
// produce the same rows, ids included. Ends with VACUUM (ANALYZE) so plans see fresh statistics.
using System.Diagnostics;
using System.Globalization;
using DealsSeeder;
using Npgsql;

if (SeederOptions.Parse(args, out var help) is not { } options)
{
    return help ? 0 : 2;
}

await using var connection = new NpgsqlConnection(options.ConnectionString);
await connection.OpenAsync();
await DealsTable.EnsureExistsAsync(connection);

if (options.Truncate)
{
    var removed = await DealsTable.RemoveSeededAsync(connection);
    Console.WriteLine($"removed {removed:N0} previously seeded rows");
}
else if (await DealsTable.CountAsync(connection, seededOnly: true) is > 0 and var existing)
{
    // Same seed, same ids: a second run would only collide on the primary key.
    await Console.Error.WriteLineAsync($"{DealsTable.Name} already holds {existing:N0} seeded rows; pass --truncate to replace them.");
    return 1;
}

var generator = new DealGenerator(options.Seed, options.Today, options.DeletedPercent / 100.0);
Console.WriteLine(
    $"seeding {options.Count:N0} deals (seed {options.Seed}, {generator.Universe.Count} companies, " +
    $"{generator.Universe.Select(c => c.Sector.Name).Distinct().Count()} sectors, up to {options.Today:yyyy-MM-dd}) into {DealsTable.Name}");

await DealsTable.SynchronousCommitAsync(connection);
var clock = Stopwatch.StartNew();
// Progress on a terminal only: a log file gets the summary line.
var copied = await DealsTable.CopyAsync(connection, generator.Generate(options.Count), Console.IsOutputRedirected
    ? null
    : written => Console.Write($"\r  {written:N0} rows, {written / clock.Elapsed.TotalSeconds:N0} rows/s"));
clock.Stop();
if (!Console.IsOutputRedirected)
{
    Console.WriteLine();
}

Console.WriteLine(
    $"copied {copied:N0} rows in {clock.Elapsed.TotalSeconds:N2} s: {copied / clock.Elapsed.TotalSeconds:N0} rows/s " +
    "(generation and domain validation included)");

if (options.Vacuum)
{
    var vacuum = Stopwatch.StartNew();
    var (pages, allVisible) = await DealsTable.VacuumAnalyzeAsync(connection);
    Console.WriteLine($"VACUUM (ANALYZE) {DealsTable.Name}: {vacuum.Elapsed.TotalSeconds:N2} s; {allVisible:N0} of {pages:N0} pages all-visible");
}

Console.WriteLine($"{DealsTable.Name} now: {await DealsTable.CountAsync(connection, seededOnly: false):N0} rows; live rows by review status:");
foreach (var (status, count) in await DealsTable.ReviewStatusesAsync(connection))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {status,-14} {count,8:N0}"));
}

return 0;
