using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Readiness reports the outbox backlog: how many events wait and how old the oldest is. A backlog
/// is Degraded, not Unhealthy: the service still takes writes (that is what the outbox is for), but
/// an operator should look at the broker.
/// </summary>
internal sealed class OutboxHealthCheck<TDb>(TDb db, IOptions<OutboxOptions> options, TimeProvider clock) : IHealthCheck
    where TDb : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var backlog = await OutboxStatus.ReadAsync(db, clock, cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["pending"] = backlog.Pending,
            ["oldestPendingAgeSeconds"] = Math.Round(backlog.OldestPendingAge.TotalSeconds, 1),
        };
        return backlog.OldestPendingAge > options.Value.BacklogWarningAge
            ? HealthCheckResult.Degraded($"{backlog.Pending} events wait for the broker; the oldest for {backlog.OldestPendingAge.TotalSeconds:0} s.", data: data)
            : HealthCheckResult.Healthy($"{backlog.Pending} events pending.", data);
    }
}

/// <summary>What an operator asks of an outbox: how much is waiting, since when, and why.</summary>
public sealed record OutboxStatus(int Pending, TimeSpan OldestPendingAge, IReadOnlyList<OutboxStatus.PendingRow> Oldest)
{
    public sealed record PendingRow(Guid EventId, string MessageType, Guid AggregateId, DateTimeOffset CreatedAt, int Attempts, string? LastError, DateTimeOffset? NextAttemptAt);

    public static async Task<OutboxStatus> ReadAsync(DbContext db, TimeProvider clock, CancellationToken cancellationToken, int rows = 0)
    {
        var pending = db.Set<OutboxMessage>().AsNoTracking().Where(m => m.PublishedAt == null);
        // One round trip for both: readiness probes call this every few seconds.
        var backlog = await pending
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Oldest = g.Min(m => (DateTimeOffset?)m.CreatedAt) })
            .SingleOrDefaultAsync(cancellationToken);
        var count = backlog?.Count ?? 0;
        var oldest = backlog?.Oldest;
        var list = rows == 0
            ? []
            : await pending.OrderBy(m => m.Sequence).Take(rows)
                .Select(m => new PendingRow(m.Id, m.MessageType, m.AggregateId, m.CreatedAt, m.Attempts, m.LastError, m.NextAttemptAt))
                .ToListAsync(cancellationToken);
        var age = oldest is { } since ? clock.GetUtcNow() - since : TimeSpan.Zero;
        return new OutboxStatus(count, age < TimeSpan.Zero ? TimeSpan.Zero : age, list);
    }
}
