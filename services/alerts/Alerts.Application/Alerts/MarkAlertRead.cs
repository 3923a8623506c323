using Alerts.Application.Persistence;
using MediatR;
using Platform.SharedKernel;

namespace Alerts.Application.Alerts;

/// <summary>Marks one of the caller's alerts read; reading it again keeps the first time.</summary>
public sealed record MarkAlertRead(Guid AlertId) : IRequest<Result<AlertView>>;

internal sealed class MarkAlertReadHandler(AlertsDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<MarkAlertRead, Result<AlertView>>
{
    public Task<Result<AlertView>> Handle(MarkAlertRead request, CancellationToken cancellationToken) =>
        db.ChangeOwnAsync(user, request.AlertId, alert => alert.MarkRead(clock.GetUtcNow()), cancellationToken);
}
