using MediatR;
using Platform.ServiceDefaults.Errors;
using Portfolio.Application.Strategies;

namespace Portfolio.Api.Endpoints;

/// <summary><c>/api/v1/portfolios/{id}/strategies</c>: named groups of a portfolio's positions; a position joins one with its strategyId.</summary>
internal static class StrategyEndpoints
{
    public static void MapStrategyEndpoints(this IEndpointRouteBuilder app)
    {
        var strategies = app.MapGroup("/api/v1/portfolios/{portfolioId:guid}/strategies").WithTags("Positions").RequireAuthorization(PortfolioPolicies.PortfolioUser);

        strategies.MapGet("/", async (Guid portfolioId, IMediator mediator, CancellationToken ct) => (await mediator.Send(new ListStrategies(portfolioId), ct)).ToHttp())
            .WithName("listStrategies")
            .WithSummary("The portfolio's strategies with their positions' ids")
            .Produces<IReadOnlyList<StrategyView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        strategies.MapPost("/", async (Guid portfolioId, StrategyInput body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CreateStrategy(portfolioId, body), ct)).ToHttp(view =>
                    TypedResults.Created($"/api/v1/portfolios/{portfolioId}/strategies/{view.Id}", view)))
            .WithName("createStrategy")
            .WithSummary("Create a strategy")
            .WithDescription("kind: custom, coveredCall, protectivePut, verticalSpread, straddle, strangle, collar, ironCondor, butterfly, calendarSpread, pairTrade. Names are unique per portfolio (409).")
            .Produces<StrategyView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);

        strategies.MapPut("/{strategyId:guid}", async (Guid portfolioId, Guid strategyId, StrategyInput body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new UpdateStrategy(portfolioId, strategyId, body), ct)).ToHttp())
            .WithName("updateStrategy")
            .WithSummary("Rename or describe a strategy")
            .Produces<StrategyView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        strategies.MapDelete("/{strategyId:guid}", async (Guid portfolioId, Guid strategyId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new DeleteStrategy(portfolioId, strategyId), ct)).ToHttp())
            .WithName("deleteStrategy")
            .WithSummary("Delete a strategy; its positions stay, ungrouped")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
