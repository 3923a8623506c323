using Alerts.Application.Streaming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Platform.Persistence;

namespace Alerts.Infrastructure;

/// <summary>
/// Wakes the streams of the user each <c>alerts_created</c> notification names. A NOTIFY is sent
/// only on commit, so a stream never looks for an alert that is not visible yet. While the
/// connection is down every stream is woken, since notifications sent meanwhile are lost (the
/// streams' heartbeat poll would find those alerts anyway, only later).
/// </summary>
internal sealed class AlertNotificationListener(AlertFeed feed, IConfiguration configuration, ILogger<AlertNotificationListener> logger)
    : PostgresNotificationListener(logger)
{
    protected override Task<(string ConnectionString, string Channel)> ResolveAsync(CancellationToken cancellationToken) =>
        Task.FromResult((
            configuration.GetConnectionString("Postgres") ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured."),
            AlertFeed.Channel));

    protected override void OnNotification(string payload)
    {
        if (Guid.TryParse(payload, out var userId))
        {
            feed.Notify(userId);
        }
    }

    protected override void OnListening() => feed.NotifyAll();

    protected override void OnDisconnected() => feed.NotifyAll();
}

/// <summary>Readiness: Degraded while the listener is disconnected (streams fall back to their heartbeat poll).</summary>
internal sealed class AlertNotificationHealthCheck(AlertNotificationListener listener) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(listener.Listening
            ? HealthCheckResult.Healthy("Listening for new alerts.")
            : HealthCheckResult.Degraded("Not listening for new alerts: streams deliver them only at their heartbeat."));
}
