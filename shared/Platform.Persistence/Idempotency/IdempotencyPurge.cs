using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Persistence.Idempotency;

/// <summary>Deletes idempotency records past their retention, hourly; an expired key is then free for reuse.</summary>
internal sealed class IdempotencyPurge<TDb>(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdempotencyPurge<TDb>> logger) : BackgroundService
    where TDb : DbContext
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var cutoff = clock.GetUtcNow() - IdempotencyFilter<TDb>.Retention;
                var purged = await scope.ServiceProvider.GetRequiredService<TDb>().Set<IdempotencyRecord>()
                    .Where(record => record.CreatedAt < cutoff)
                    .ExecuteDeleteAsync(stoppingToken);
                if (purged > 0)
                {
                    logger.LogInformation("Purged {Count} expired idempotency records", purged);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be down for a while; the next tick tries again.
                logger.LogWarning(exception, "Purging idempotency records failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class IdempotencySetup
{
    /// <summary>The hourly purge of expired idempotency records in <typeparamref name="TDb"/>'s schema.</summary>
    public static IServiceCollection AddIdempotencyPurge<TDb>(this IServiceCollection services)
        where TDb : DbContext =>
        services.AddHostedService<IdempotencyPurge<TDb>>();
}
