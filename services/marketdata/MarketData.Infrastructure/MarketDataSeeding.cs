using MarketData.Application;
using MarketData.Application.Persistence;
using MarketData.Application.Providers;
using MarketData.Application.Refresh;
using MarketData.Domain;
using MarketData.Infrastructure.Providers.Simulated;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Jobs;

namespace MarketData.Infrastructure;

/// <summary>
/// Start-up work after the migrations: the bar partitions of the history window and of next year,
/// and on an empty database the seed universe (by default the simulated provider's) with one
/// refresh that back-fills it, so a fresh `make run` has prices within a minute.
/// </summary>
public static class MarketDataSeeding
{
    public static async Task PrepareAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MarketDataDb>();
        var options = services.GetRequiredService<IOptions<MarketDataOptions>>().Value;
        var clock = services.GetRequiredService<TimeProvider>();
        var today = clock.GetUtcNow().Year;
        await BarPartitions.EnsureAsync(db, Enumerable.Range(today - options.HistoryYears - 1, options.HistoryYears + 3), CancellationToken.None);
        if (!options.SeedOnStartup)
        {
            return;
        }

        var sources = services.GetRequiredService<MarketDataSources>();
        var symbols = options.SeedSymbols.Length > 0
            ? options.SeedSymbols.Select(s => Symbols.Normalize(s) ?? throw new InvalidOperationException($"MarketData:SeedSymbols: '{s}' is not a symbol.")).ToList()
            : sources.Reference is SimulatedProvider ? SimulatedUniverse.Profiles.Select(p => p.Reference.Symbol).ToList() : [];
        if (symbols.Count == 0)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        // Replicas starting together seed once.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('marketdata.seed'))");
        if (await db.Assets.AnyAsync())
        {
            return;
        }

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MarketDataSeeding));
        foreach (var symbol in symbols)
        {
            try
            {
                if (await sources.Reference.FindAssetAsync(symbol, CancellationToken.None) is { } reference)
                {
                    db.Assets.Add(Asset.Track(Guid.CreateVersion7(), reference));
                }
                else
                {
                    logger.LogWarning("Seed symbol {Symbol} is unknown to {Provider}; not tracked", symbol, sources.Reference.Name);
                }
            }
            catch (ProviderException e)
            {
                logger.LogWarning("Seed symbol {Symbol} not tracked: {Reason}", symbol, e.Message);
            }
        }

        await db.SaveChangesAsync();
        var businessDate = MarketCalendar.LastClosedSession(clock.GetUtcNow());
        await services.GetRequiredService<IJobs>().EnqueueAsync(EndOfDayRefresh.Type, new RefreshParams(), businessDate, "system");
        await transaction.CommitAsync();
        logger.LogInformation("Seeded {Count} assets; their back-fill runs as {Job} for {Date}", db.Assets.Local.Count, EndOfDayRefresh.Type, businessDate);
    }
}
