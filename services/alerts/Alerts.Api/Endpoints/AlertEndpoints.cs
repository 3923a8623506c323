using Alerts.Application.Alerts;
using MediatR;
using Platform.ServiceDefaults.Errors;
using Platform.SharedKernel;

namespace Alerts.Api.Endpoints;

/// <summary><c>/api/v1/alerts</c>: every signed-in user sees and handles their own alerts only.</summary>
internal static class AlertEndpoints
{
    public static void MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/v1/alerts").WithTags("Alerts");

        alerts.MapGet("/", async (string? status, string? category, string? severity, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListAlerts(status, category, severity, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)).ToHttp())
            .WithName("listAlerts")
            .WithSummary("List the caller's alerts, newest first")
            .WithDescription("Filters: status (active, unread, read, dismissed, all; default active), category, severity; page and pageSize (at most 200).")
            .Produces<PagedList<AlertView>>();

        alerts.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetAlert(id), ct)).ToHttp())
            .WithName("getAlert")
            .WithSummary("Get one of the caller's alerts")
            .Produces<AlertView>();

        alerts.MapPost("/{id:guid}/read", async (Guid id, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new MarkAlertRead(id), ct)).ToHttp())
            .WithName("markAlertRead")
            .WithSummary("Mark the alert read (idempotent)")
            .Produces<AlertView>();

        alerts.MapPost("/{id:guid}/dismiss", async (Guid id, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new DismissAlert(id), ct)).ToHttp())
            .WithName("dismissAlert")
            .WithSummary("Dismiss the alert (idempotent)")
            .Produces<AlertView>();

        alerts.MapPost("/dismiss-all", async (string? category, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new DismissAllAlerts(category), ct)).ToHttp())
            .WithName("dismissAllAlerts")
            .WithSummary("Dismiss all active alerts, or those of one category")
            .WithDescription("Returns how many were dismissed.")
            .Produces<DismissAllResult>();
    }
}
