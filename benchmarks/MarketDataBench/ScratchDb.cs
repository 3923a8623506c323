using MarketData.Application.Persistence;
using MarketData.Domain;
using MarketData.Infrastructure.Providers.Simulated;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Persistence;
using Platform.SharedKernel;

namespace MarketDataBench;

/// <summary>A <see cref="MarketDataDb"/> on the scratch database, configured as the service configures its own.</summary>
internal static class ScratchDb
{
    public static MarketDataDb Open(string connectionString)
    {
        var options = new DbContextOptionsBuilder<MarketDataDb>()
            .UseNpgsql(connectionString, npgsql => npgsql
                .MigrationsHistoryTable(Migrations.HistoryTable, MarketDataDb.Schema)
                .MigrationsAssembly(typeof(SimulatedProvider).Assembly.GetName().Name));
        options.UsePlatformAuditing(new BenchUser(), TimeProvider.System);
        return new MarketDataDb(options.Options);
    }

    /// <summary>Tracks the profiles' symbols (ids kept when they already exist); returns their ids in profile order.</summary>
    public static async Task<List<Guid>> TrackAsync(MarketDataDb db, IReadOnlyList<SimulatedProfile> profiles)
    {
        var existing = await db.Assets.AsNoTracking().ToDictionaryAsync(a => a.Symbol, a => a.Id);
        var ids = new List<Guid>(profiles.Count);
        foreach (var profile in profiles)
        {
            if (!existing.TryGetValue(profile.Reference.Symbol, out var id))
            {
                id = Guid.CreateVersion7();
                db.Assets.Add(Asset.Track(id, profile.Reference));
            }

            ids.Add(id);
        }

        await db.SaveChangesAsync();
        return ids;
    }

    /// <summary>Drops the bar partitions of <paramref name="years"/>, so the next write creates them again.</summary>
    public static async Task DropPartitionsAsync(MarketDataDb db, IEnumerable<int> years)
    {
        foreach (var year in years)
        {
            // The name comes from an integer year.
            var sql = $"DROP TABLE IF EXISTS {MarketDataDb.Schema}.{BarPartitions.TableFor(year)}";
            await db.Database.ExecuteSqlRawAsync(sql);
        }
    }

    public static Task TruncateBarsAsync(MarketDataDb db) => db.Database.ExecuteSqlRawAsync($"TRUNCATE {MarketDataDb.Schema}.daily_bars");

    public static async Task<long> CountBarsAsync(MarketDataDb db) =>
        await db.Database.SqlQueryRaw<long>($"SELECT count(*) AS \"Value\" FROM {MarketDataDb.Schema}.daily_bars").SingleAsync();

    /// <summary>
    /// BarPartitions remembers the years it has seen per connection string for the life of the
    /// process; a distinct application name per run makes it look again after the partitions were dropped.
    /// </summary>
    public static string ForRun(string connectionString, string run) =>
        new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "marketdata-bench-" + run }.ConnectionString;

    private sealed class BenchUser : ICurrentUser
    {
        public bool IsAuthenticated => false;
        public string? Subject => "marketdata-bench";
        public Guid? UserId => null;
        public string? RequestId => null;
        public bool IsInRole(string role) => false;
    }
}
