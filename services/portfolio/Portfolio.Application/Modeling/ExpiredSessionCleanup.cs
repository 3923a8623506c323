using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portfolio.Application.Persistence;
using Portfolio.Domain.Modeling;

namespace Portfolio.Application.Modeling;

/// <summary>
/// Removes sessions idle past <see cref="ModelingOptions.IdleTimeout"/>, at start and every
/// <see cref="ModelingOptions.CleanupInterval"/>. One DELETE by the expiry index: replicas running it at once
/// delete disjoint rows or nothing. Expired sessions already answer 404 before they are removed.
/// </summary>
public sealed class ExpiredSessionCleanup(IServiceScopeFactory scopes, IOptions<ModelingOptions> options, TimeProvider clock, ILogger<ExpiredSessionCleanup> logger)
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
                    await RemoveExpiredAsync(stoppingToken);
                }
                catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(failure, "Removing expired modeling sessions failed; the next pass tries again");
                }

                await Task.Delay(options.Value.CleanupInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortfolioDb>();
        var now = clock.GetUtcNow();
        var removed = await db.Set<ModelingSession>().Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} expired modeling session(s)", removed);
        }

        return removed;
    }
}
