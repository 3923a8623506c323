using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portfolio.Application.Market;

/// <summary>
/// Runs <see cref="MarketDataSync"/> on start, every <see cref="MarketDataOptions.SyncInterval"/>, and at once
/// when positions change. Idempotent (closes are upserted), so replicas running it side by side only repeat work.
/// </summary>
internal sealed class MarketDataSyncWorker(IServiceScopeFactory scopes, MarketDataSyncSignal signal, IOptions<MarketDataOptions> options, ILogger<MarketDataSyncWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<MarketDataSync>().RunAsync(stoppingToken);
                }
                catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(failure, "Market data sync failed; the next pass tries again");
                }

                await signal.WaitAsync(options.Value.SyncInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
