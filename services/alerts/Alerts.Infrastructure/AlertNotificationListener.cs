using Alerts.Application.Streaming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Alerts.Infrastructure;

/// <summary>
/// Holds one dedicated connection that LISTENs on <c>alerts_created</c> and wakes the streams of
/// the user each notification names. PostgreSQL sends a NOTIFY only when its transaction commits, to
/// every listening replica, so a stream never looks for an alert that is not visible yet. When the
/// connection drops it reconnects with back-off and wakes every stream, since notifications sent
/// meanwhile are lost (the streams' heartbeat poll would find those alerts anyway, only later).
/// </summary>
internal sealed class AlertNotificationListener(AlertFeed feed, IConfiguration configuration, ILogger<AlertNotificationListener> logger) : BackgroundService
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private volatile bool _listening;

    /// <summary>Whether notifications arrive right now; without them streams still work, a heartbeat late.</summary>
    public bool Listening => _listening;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = MinBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString());
                connection.Notification += (_, notification) =>
                {
                    if (Guid.TryParse(notification.Payload, out var userId))
                    {
                        feed.Notify(userId);
                    }
                };
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {AlertFeed.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                logger.LogInformation("Listening for new alerts on channel {Channel}", AlertFeed.Channel);
                backoff = MinBackoff;
                _listening = true;
                feed.NotifyAll();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                _listening = false;
                logger.LogWarning(exception, "The alert notification connection failed; reconnecting in {Backoff}", backoff);
                feed.NotifyAll();
                try
                {
                    await Task.Delay(backoff, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private string ConnectionString()
    {
        var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured."))
        {
            // Its own physical connection: a pooled one would return to the pool still listening.
            Pooling = false,
            // An idle LISTEN connection sends nothing; keepalives notice a silently dead peer.
            KeepAlive = 15,
            ApplicationName = "alerts-listener",
        };
        return builder.ConnectionString;
    }
}

/// <summary>Readiness: Degraded while the listener is disconnected (streams fall back to their heartbeat poll).</summary>
internal sealed class AlertNotificationHealthCheck(AlertNotificationListener listener) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(listener.Listening
            ? HealthCheckResult.Healthy("Listening for new alerts.")
            : HealthCheckResult.Degraded("Not listening for new alerts: streams deliver them only at their heartbeat."));
}
