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
    /// The one way a use case changes an alert: load it among the caller's own (someone else's is
    /// "not found", never "forbidden": its existence is nobody else's business), change, save, and
    /// return it as stored. PostgreSQL keeps microseconds, so a view of the in-memory entity would
    /// show a time that a later read no longer returns.
    /// </summary>
    public static async Task<Result<AlertView>> ChangeOwnAsync(
        this AlertsDb db, ICurrentUser user, Guid alertId, Action<Alert> change, CancellationToken cancellationToken)
    {
        var caller = user.Caller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        if (await db.Alerts.SingleOrDefaultAsync(a => a.Id == alertId && a.RecipientId == caller.Value, cancellationToken) is not { } alert)
        {
            return AlertErrors.NotFound;
        }

        change(alert);
        await db.SaveChangesAsync(cancellationToken);
        return await db.Alerts.AsNoTracking().Where(a => a.Id == alertId).Select(AlertView.Projection).SingleAsync(cancellationToken);
    }
}
