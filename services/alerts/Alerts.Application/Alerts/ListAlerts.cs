using Alerts.Application.Persistence;
using Alerts.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Application;
using Platform.SharedKernel;

namespace Alerts.Application.Alerts;

/// <summary>The caller's alerts, newest first.</summary>
public sealed record ListAlerts(string? Status, string? Category, string? Severity, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IRequest<Result<PagedList<AlertView>>>;

internal sealed class ListAlertsValidator : AbstractValidator<ListAlerts>
{
    public ListAlertsValidator()
    {
        RuleFor(r => r.Status).OneOf<ListAlerts, AlertStatus>();
        RuleFor(r => r.Category).OneOf<ListAlerts, AlertCategory>();
        RuleFor(r => r.Severity).OneOf<ListAlerts, AlertSeverity>();
        RuleFor(r => r.Page).ValidPage();
        RuleFor(r => r.PageSize).ValidPageSize();
    }
}

internal sealed class ListAlertsHandler(AlertsDb db, ICurrentUser user) : IRequestHandler<ListAlerts, Result<PagedList<AlertView>>>
{
    public async Task<Result<PagedList<AlertView>>> Handle(ListAlerts request, CancellationToken cancellationToken)
    {
        var caller = user.Caller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var alerts = db.Alerts.AsNoTracking().Where(a => a.RecipientId == caller.Value);
        alerts = (EnumText.Parse<AlertStatus>(request.Status) ?? AlertStatus.Active) switch
        {
            AlertStatus.Active => alerts.Where(a => a.DismissedAt == null),
            AlertStatus.Unread => alerts.Where(a => a.DismissedAt == null && a.ReadAt == null),
            AlertStatus.Read => alerts.Where(a => a.DismissedAt == null && a.ReadAt != null),
            AlertStatus.Dismissed => alerts.Where(a => a.DismissedAt != null),
            _ => alerts,
        };
        if (EnumText.Parse<AlertCategory>(request.Category) is { } category)
        {
            alerts = alerts.Where(a => a.Category == category);
        }

        if (EnumText.Parse<AlertSeverity>(request.Severity) is { } severity)
        {
            alerts = alerts.Where(a => a.Severity == severity);
        }

        var total = await alerts.LongCountAsync(cancellationToken);
        var items = await alerts
            .OrderByDescending(a => a.Sequence)
            .TakePage(request.Page, request.PageSize)
            .Select(AlertView.Projection)
            .ToListAsync(cancellationToken);
        return new PagedList<AlertView>(items, request.Page, request.PageSize, total);
    }
}
