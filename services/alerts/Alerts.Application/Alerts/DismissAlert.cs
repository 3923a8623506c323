using Alerts.Application.Persistence;
using MediatR;
using Platform.SharedKernel;

namespace Alerts.Application.Alerts;

/// <summary>Hides one of the caller's alerts from the active list; dismissing it again changes nothing.</summary>
public sealed record DismissAlert(Guid AlertId) : IRequest<Result<AlertView>>;

internal sealed class DismissAlertHandler(AlertsDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<DismissAlert, Result<AlertView>>
{
    public Task<Result<AlertView>> Handle(DismissAlert request, CancellationToken cancellationToken) =>
        db.ChangeOwnAsync(user, request.AlertId, alert => alert.Dismiss(clock.GetUtcNow()), cancellationToken);
}
