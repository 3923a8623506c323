using Alerts.Application.Alerts;
using Alerts.Application.Persistence;
using Alerts.Application.Streaming;
using Alerts.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Alerts.Application.Consumers;

internal static class AlertWriter
{
    /// <summary>
    /// Adds alerts inside a consumer's transaction (the inbox consumer saves and commits them).
    /// Per recipient it first takes a transaction-scoped advisory lock, so one person's alerts get
    /// their sequence numbers in commit order and a stream reading "after the last one sent" never
    /// skips one that commits late; then it queues a NOTIFY, which PostgreSQL delivers only on commit.
    /// </summary>
    public static async Task AddAlertsAsync(this AlertsDb db, IReadOnlyCollection<Alert> alerts, CancellationToken cancellationToken)
    {
        if (alerts.Count == 0)
        {
            return;
        }

        var sources = alerts.Select(a => a.SourceEventId).Distinct().ToList();
        var recipients = alerts.Select(a => a.RecipientId).Distinct().ToList();
        // The inbox already absorbs redeliveries; this also keeps a replayed event (a new message id) from failing on the unique index.
        var existing = (await db.Alerts.AsNoTracking()
                .Where(a => sources.Contains(a.SourceEventId) && recipients.Contains(a.RecipientId))
                .Select(a => new { a.SourceEventId, a.RecipientId })
                .ToListAsync(cancellationToken))
            .Select(a => (a.SourceEventId, a.RecipientId))
            .ToHashSet();
        var fresh = alerts.Where(a => !existing.Contains((a.SourceEventId, a.RecipientId))).ToList();

        // One round trip for all recipients, locked in the same order everywhere, so two transactions
        // locking overlapping recipients cannot deadlock.
        var ordered = fresh.Select(a => a.RecipientId).Distinct().Order().Select(r => r.ToString()).ToArray();
        if (ordered.Length > 0)
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                SELECT pg_advisory_xact_lock(hashtextextended('alerts:' || r.id, 0)), pg_notify({AlertFeed.Channel}, r.id)
                FROM unnest({ordered}::text[]) WITH ORDINALITY AS r(id, position)
                ORDER BY r.position
                """,
                cancellationToken);
        }

        db.Alerts.AddRange(fresh);
        // Counted when queued in the consumer's transaction: a rolled-back consume that is retried counts again.
        var metrics = db.GetService<AlertsMetrics>();
        foreach (var alert in fresh)
        {
            metrics.Created(alert);
        }
    }
}
