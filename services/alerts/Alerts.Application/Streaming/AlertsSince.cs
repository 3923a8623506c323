using Alerts.Application.Alerts;
using Alerts.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Alerts.Application.Streaming;

/// <summary>The reads of a stream: where "now" is, and what came after a position.</summary>
public sealed class AlertsSince(AlertsDb db)
{
    public const int BatchSize = 100;

    /// <summary>The user's latest sequence, or 0: a stream without Last-Event-ID starts after it.</summary>
    public async Task<long> LatestAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Alerts.AsNoTracking().Where(a => a.RecipientId == userId).MaxAsync(a => (long?)a.Sequence, cancellationToken) ?? 0;

    /// <summary>
    /// The user's alerts after <paramref name="sequence"/>, oldest first. Complete because a user's
    /// alerts commit in sequence order (see AlertWriter), so none can appear later below the last one read.
    /// </summary>
    public async Task<IReadOnlyList<AlertView>> AfterAsync(Guid userId, long sequence, CancellationToken cancellationToken) =>
        await db.Alerts.AsNoTracking()
            .Where(a => a.RecipientId == userId && a.Sequence > sequence)
            .OrderBy(a => a.Sequence)
            .Take(BatchSize)
            .Select(AlertView.Projection)
            .ToListAsync(cancellationToken);
}
