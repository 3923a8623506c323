using Identity.Application.Tokens;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Identity.Infrastructure;

/// <summary>
/// Rotates the signing key when it reaches its configured age, and reloads keys every minute so a
/// rotation made by another replica is picked up.
/// </summary>
internal sealed class SigningKeyMaintenance(SigningKeyStore keys, TimeProvider clock, ILogger<SigningKeyMaintenance> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (keys.ActiveKeyIsDue(clock.GetUtcNow()))
                {
                    await keys.RotateAsync(stoppingToken);
                }
                else
                {
                    await keys.ReloadAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Keep serving with the keys in memory; the next tick tries again.
                logger.LogError(exception, "Signing key maintenance failed.");
            }
        }
    }
}
