using Alerts.Application.Rules;
using MediatR;
using Platform.ServiceDefaults.Errors;

namespace Alerts.Api.Endpoints;

/// <summary><c>/api/v1/alerts/rules</c>: thresholds on prices and on the caller's portfolios' VaR.</summary>
internal static class RuleEndpoints
{
    public static void MapRuleEndpoints(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/v1/alerts/rules").WithTags("Alert rules");

        rules.MapGet("/", async (IMediator mediator, CancellationToken ct) => (await mediator.Send(new ListRules(), ct)).ToHttp())
            .WithName("listAlertRules")
            .WithSummary("List the caller's rules")
            .Produces<IReadOnlyList<RuleView>>();

        rules.MapPost("/", async (RuleInput body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CreateRule(body), ct)).ToHttp(view => TypedResults.Created($"/api/v1/alerts/rules/{view.Id}", view)))
            .WithName("createAlertRule")
            .WithSummary("Create an alert rule")
            .WithDescription("Kind priceAbove or priceBelow with a ticker, or varAbove with a portfolioId; threshold > 0. At most 100 per user (422 alert_rule.limit_reached).")
            .Produces<RuleView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        rules.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => (await mediator.Send(new DeleteRule(id), ct)).ToHttp())
            .WithName("deleteAlertRule")
            .WithSummary("Delete one of the caller's rules")
            .Produces(StatusCodes.Status204NoContent);
    }
}
