using Alerts.Application.Persistence;
using MediatR;
using Platform.SharedKernel;

namespace Alerts.Application.Alerts;

/// <summary>Hides one of the caller's alerts from the active list; dismissing it again changes nothing.</summary>
public sealed record DismissAlert(Guid AlertId) : IRequest<Result<AlertView>>;

internal sealed class DismissAlertHandler(AlertsDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<DismissAlert, Result<AlertView>>
{
    public async Task<Result<AlertView>> Handle(DismissAlert request, CancellationToken cancellationToken)
    {
        var alert = await db.FindOwnAsync(user, request.AlertId, cancellationToken);
        if (!alert.IsSuccess)
        {
            return alert.Error!;
        }

        alert.Value.Dismiss(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return await db.ViewOfAsync(alert.Value.Id, cancellationToken);
    }
}
