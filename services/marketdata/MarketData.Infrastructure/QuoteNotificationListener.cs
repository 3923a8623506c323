using MarketData.Application.Quotes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Platform.Persistence;

namespace MarketData.Infrastructure;

/// <summary>Wakes this replica's quote streams on every commit that changed quotes, and all of them when notifications may have been missed.</summary>
internal sealed class QuoteNotificationListener(QuoteFeed feed, IConfiguration configuration, ILogger<QuoteNotificationListener> logger)
    : PostgresNotificationListener(logger)
{
    protected override Task<(string ConnectionString, string Channel)> ResolveAsync(CancellationToken cancellationToken) =>
        Task.FromResult((
            configuration.GetConnectionString("Postgres") ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured."),
            QuoteWriter.Channel));

    protected override void OnNotification(string payload) => feed.NotifyAll();

    protected override void OnListening() => feed.NotifyAll();

    protected override void OnDisconnected() => feed.NotifyAll();
}

/// <summary>Readiness: Degraded while quote notifications do not arrive (streams then update at their heartbeat only).</summary>
internal sealed class QuoteNotificationHealthCheck(QuoteNotificationListener listener) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(listener.Listening
            ? HealthCheckResult.Healthy("Listening for quote changes.")
            : HealthCheckResult.Degraded("Not listening for quote changes: streams update only at their heartbeat."));
}
