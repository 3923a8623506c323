using Alerts.Application.Persistence;
using Alerts.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Alerts.Application.Alerts;

public sealed record GetAlert(Guid AlertId) : IRequest<Result<AlertView>>;

internal sealed class GetAlertHandler(AlertsDb db, ICurrentUser user) : IRequestHandler<GetAlert, Result<AlertView>>
{
    public async Task<Result<AlertView>> Handle(GetAlert request, CancellationToken cancellationToken)
    {
        var caller = user.Caller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        return await db.Alerts.AsNoTracking()
                .Where(a => a.Id == request.AlertId && a.RecipientId == caller.Value)
                .Select(AlertView.Projection)
                .SingleOrDefaultAsync(cancellationToken) is { } view
            ? view
            : AlertErrors.NotFound;
    }
}
