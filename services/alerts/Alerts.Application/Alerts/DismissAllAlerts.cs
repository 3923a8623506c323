using Alerts.Application.Persistence;
using Alerts.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Alerts.Application.Alerts;

/// <summary>Dismisses all of the caller's active alerts, or those of one category.</summary>
public sealed record DismissAllAlerts(string? Category) : IRequest<Result<DismissAllResult>>;

public sealed record DismissAllResult(int Dismissed);

internal sealed class DismissAllAlertsValidator : AbstractValidator<DismissAllAlerts>
{
    public DismissAllAlertsValidator() => RuleFor(r => r.Category).OneOf<DismissAllAlerts, AlertCategory>();
}

internal sealed class DismissAllAlertsHandler(AlertsDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<DismissAllAlerts, Result<DismissAllResult>>
{
    public async Task<Result<DismissAllResult>> Handle(DismissAllAlerts request, CancellationToken cancellationToken)
    {
        var caller = user.Caller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var alerts = db.Alerts.Where(a => a.RecipientId == caller.Value && a.DismissedAt == null);
        if (EnumText.Parse<AlertCategory>(request.Category) is { } category)
        {
            alerts = alerts.Where(a => a.Category == category);
        }

        // One statement instead of loading every alert; the audit columns are set here because the
        // interceptor that stamps them only sees tracked entities.
        var now = clock.GetUtcNow();
        var by = user.Subject;
        var dismissed = await alerts.ExecuteUpdateAsync(
            set => set.SetProperty(a => a.DismissedAt, (DateTimeOffset?)now).SetProperty(a => a.UpdatedAt, now).SetProperty(a => a.UpdatedBy, by),
            cancellationToken);
        return new DismissAllResult(dismissed);
    }
}
