using MediatR;
using Platform.Persistence.Idempotency;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Http;
using Platform.SharedKernel;
using Portfolio.Application.IndexStrategies;
using Portfolio.Application.Persistence;
using Portfolio.Domain.IndexStrategies;

namespace Portfolio.Api.Endpoints;

/// <summary><c>/api/v1/index-strategies</c>: index definitions with ETag and If-Match, and their simulation. Only the owner sees one.</summary>
internal static class IndexStrategyEndpoints
{
    public static void MapIndexStrategyEndpoints(this IEndpointRouteBuilder app)
    {
        var strategies = app.MapGroup("/api/v1/index-strategies").WithTags("Index strategies").RequireAuthorization(PortfolioPolicies.PortfolioUser);

        strategies.MapGet("/", async (int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListIndexStrategies(page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)).ToHttp())
            .WithName("listIndexStrategies")
            .WithSummary("List your index strategies")
            .WithDescription("Only your own, by name.")
            .Produces<PagedList<IndexStrategyView>>();

        strategies.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var strategy = await mediator.Send(new GetIndexStrategy(id), ct);
                return (strategy.IsSuccess ? EntityTags.NotModified(http, ETagOf(strategy.Value)) : null) ?? strategy.ToHttp(view => Ok(http, view));
            })
            .WithName("getIndexStrategy")
            .WithSummary("Get one index strategy, with its ETag")
            .Produces<IndexStrategyView>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        strategies.MapPost("/", async (IndexStrategyInput body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CreateIndexStrategy(body), ct)).ToHttp(view =>
                {
                    http.Response.Headers.ETag = ETagOf(view);
                    return TypedResults.Created($"/api/v1/index-strategies/{view.Id}", view);
                }))
            .WithIdempotency<PortfolioDb>()
            .WithName("createIndexStrategy")
            .WithSummary("Define an index: a basket of 2–200 symbols, a weighting and a turnover limit")
            .WithDescription("Honours Idempotency-Key. Symbols must be known to marketdata (400 on symbols otherwise). " +
                "weighting: equalWeight, inverseVolatility (volatilityWindow, default 63) or cappedMarketValue (weightCap, a fraction); " +
                "maxTurnover caps the one-way turnover of each monthly rebalance (a fraction, default 1). Names are unique per owner (409).")
            .Produces<IndexStrategyView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        strategies.MapPut("/{id:guid}", async (Guid id, IndexStrategyInput body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                if (!EntityTags.HasIfMatch(http.Request))
                {
                    return IndexStrategyErrors.VersionRequired.ToProblem();
                }

                var version = EntityTags.IfMatch(http.Request);
                return version.IsSuccess
                    ? (await mediator.Send(new UpdateIndexStrategy(id, version.Value, body), ct)).ToHttp(view => Ok(http, view))
                    : version.Error!.ToProblem();
            })
            .WithName("updateIndexStrategy")
            .WithSummary("Replace an index definition")
            .WithDescription("Requires If-Match (428 without it, 412 when stale). The new version makes earlier cached simulations unreachable.")
            .Produces<IndexStrategyView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        strategies.MapDelete("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var version = EntityTags.IfMatch(http.Request);
                return version.IsSuccess ? (await mediator.Send(new DeleteIndexStrategy(id, version.Value), ct)).ToHttp() : version.Error!.ToProblem();
            })
            .WithName("deleteIndexStrategy")
            .WithSummary("Delete an index strategy")
            .WithDescription("If-Match is honoured when sent (412 when stale).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        strategies.MapPost("/{id:guid}/simulate", async (Guid id, SimulationInput body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new SimulateIndexStrategy(id, body), ct)).ToHttp())
            .WithName("simulateIndexStrategy")
            .WithSummary("Simulate the index from a start date to the last stored close, in a currency")
            .WithDescription("Body {amount, startDate, currency}. Daily value path, allocations at each monthly rebalance (weights, turnover), " +
                "total and annualised return, annualised volatility, Sharpe (risk-free rate as assumptions.riskFreeRate) and max drawdown with dates. " +
                "Prices are adjusted closes converted at the latest stored FX rate on or before each day. 422 index_strategy.start_before_data names " +
                "firstAvailableDate; 422 index_strategy.fx_unavailable names the pairs. Same inputs on the same data are served from a cache.")
            .Produces<IndexSimulationView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static string ETagOf(IndexStrategyView view) => $"\"{view.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"";

    private static IResult Ok(HttpContext http, IndexStrategyView view)
    {
        http.Response.Headers.ETag = ETagOf(view);
        return TypedResults.Ok(view);
    }
}
