using Alerts.Application.Persistence;
using Alerts.Domain;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Alerts.Application.Alerts;

internal static class CallerAlerts
{
    /// <summary>The signed-in user's id; service clients have no alerts.</summary>
    public static Result<Guid> Caller(this ICurrentUser user) => user.UserId is { } id ? id : AlertErrors.UserRequired;

    /// <summary>
    /// One of the caller's alerts, tracked for a change. Someone else's alert is "not found", never
    /// "forbidden": its existence is nobody else's business.
    /// </summary>
    public static async Task<Result<Alert>> FindOwnAsync(this AlertsDb db, ICurrentUser user, Guid alertId, CancellationToken cancellationToken)
    {
        var caller = user.Caller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        return await db.Alerts.SingleOrDefaultAsync(a => a.Id == alertId && a.RecipientId == caller.Value, cancellationToken) is { } alert
            ? alert
            : AlertErrors.NotFound;
    }

    /// <summary>
    /// The alert as stored, after a change: PostgreSQL keeps microseconds, so the view of the
    /// in-memory entity would show a time that a later read no longer returns.
    /// </summary>
    public static async Task<AlertView> ViewOfAsync(this AlertsDb db, Guid alertId, CancellationToken cancellationToken) =>
        await db.Alerts.AsNoTracking().Where(a => a.Id == alertId).Select(AlertView.Projection).SingleAsync(cancellationToken);
}
