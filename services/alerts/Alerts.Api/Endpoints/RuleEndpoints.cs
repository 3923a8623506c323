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
            .WithSummary("The caller's rules.");

        rules.MapPost("/", async (RuleInput body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CreateRule(body), ct)).ToHttp(view => TypedResults.Created($"/api/v1/alerts/rules/{view.Id}", view)))
            .WithSummary("Create a rule: kind priceAbove or priceBelow with a ticker, or varAbove with a portfolioId; threshold > 0. At most 100 per user.");

        rules.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => (await mediator.Send(new DeleteRule(id), ct)).ToHttp())
            .WithSummary("Delete one of the caller's rules.");
    }
}
