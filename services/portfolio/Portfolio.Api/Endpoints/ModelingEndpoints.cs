using MediatR;
using Platform.Persistence.Idempotency;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Http;
using Platform.SharedKernel;
using Portfolio.Application.Modeling;
using Portfolio.Application.Persistence;
using Portfolio.Domain.Modeling;

namespace Portfolio.Api.Endpoints;

/// <summary>
/// <c>/api/v1/modeling</c>: what-if sessions (owner-only; anyone else, admins included, gets 404), their trades
/// (If-Match on the session's ETag), impacts, suggestions, and the scenarios saved from them.
/// </summary>
internal static class ModelingEndpoints
{
    public static void MapModelingEndpoints(this IEndpointRouteBuilder app)
    {
        var modeling = app.MapGroup("/api/v1/modeling").WithTags("Modeling").RequireAuthorization(PortfolioPolicies.PortfolioUser);

        modeling.MapPost("/sessions", async (SessionInput body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CreateSession(body), ct)).ToHttp(view => Created(http, view)))
            .WithIdempotency<PortfolioDb>()
            .WithName("createModelingSession")
            .WithSummary("Start a what-if session on a portfolio you may read")
            .WithDescription("The session is yours alone. It expires after Portfolio:Modeling:IdleTimeout (2 h) without a change; an expired session is 404. Honours Idempotency-Key.")
            .Produces<SessionView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound);

        modeling.MapGet("/sessions", async (int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListSessions(page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)).ToHttp())
            .WithName("listModelingSessions")
            .WithSummary("List your live sessions, newest first")
            .Produces<PagedList<SessionView>>();

        modeling.MapGet("/sessions/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var session = await mediator.Send(new GetSession(id), ct);
                return (session.IsSuccess ? EntityTags.NotModified(http, session.Value.ETag) : null) ?? session.ToHttp(view => Ok(http, view));
            })
            .WithName("getModelingSession")
            .WithSummary("Get a session with its trades and ETag")
            .Produces<SessionView>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        modeling.MapDelete("/sessions/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var version = EntityTags.IfMatch(http.Request);
                return version.IsSuccess ? (await mediator.Send(new DiscardSession(id, version.Value), ct)).ToHttp() : version.Error!.ToProblem();
            })
            .WithName("discardModelingSession")
            .WithSummary("Discard a session (its saved scenarios stay)")
            .WithDescription("If-Match is honoured when sent (412 when stale).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        modeling.MapPost("/sessions/{id:guid}/trades", async (Guid id, TradeInput body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await Change(http, version => mediator.Send(new AddTrade(id, version, body), ct)))
            .WithName("addModelingTrade")
            .WithSummary("Add a hypothetical trade")
            .WithDescription("symbol: ticker or OCC option symbol; quantity signed (negative sells), or side buy/sell with a positive quantity; price optional (else the latest close). " +
                "Requires If-Match with the session's ETag (428 without, 412 when stale). Answers the session with its new ETag.")
            .Produces<SessionView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        modeling.MapPut("/sessions/{id:guid}/trades/{tradeId:guid}", async (Guid id, Guid tradeId, TradeInput body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await Change(http, version => mediator.Send(new ChangeTrade(id, tradeId, version, body), ct)))
            .WithName("changeModelingTrade")
            .WithSummary("Replace a hypothetical trade")
            .WithDescription("Requires If-Match with the session's ETag (428 without, 412 when stale).")
            .Produces<SessionView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        modeling.MapDelete("/sessions/{id:guid}/trades/{tradeId:guid}", async (Guid id, Guid tradeId, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await Change(http, version => mediator.Send(new RemoveTrade(id, tradeId, version), ct)))
            .WithName("removeModelingTrade")
            .WithSummary("Remove a hypothetical trade")
            .WithDescription("Requires If-Match with the session's ETag (428 without, 412 when stale). Answers the session with its new ETag.")
            .Produces<SessionView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        modeling.MapGet("/sessions/{id:guid}/impacts", async (Guid id, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CalculateImpacts(id), ct)).ToHttp())
            .WithName("getModelingImpacts")
            .WithSummary("Exposures, greeks, factor betas, VaR and limit headroom before and after the session's trades, with the changes")
            .WithDescription("Computed by the risk engine at the latest stored prices, with the trades booked as positions; nothing is recorded.")
            .Produces<ImpactReport>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        modeling.MapGet("/sessions/{id:guid}/suggestions", async (Guid id, string? hedge, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new SuggestTrades(id, hedge), ct)).ToHttp())
            .WithName("getModelingSuggestions")
            .WithSummary("For each limit the session's book breaks, a trade that brings it back inside, with the reasoning")
            .WithDescription("Net exposure and VaR: the hedge instrument (hedge, default SPY) sized by beta-adjusted exposure; dollar delta and concentration: the underlying. " +
                "Each is the smallest whole quantity with which the recalculated figure is inside the limit.")
            .Produces<SuggestionReport>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        modeling.MapPost("/sessions/{id:guid}/scenarios", async (Guid id, ScenarioInput body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new SaveScenario(id, body), ct)).ToHttp(view => TypedResults.Created($"/api/v1/modeling/scenarios/{view.Id}", view)))
            .WithIdempotency<PortfolioDb>()
            .WithName("saveModelingScenario")
            .WithSummary("Save the session as a named scenario: an immutable copy of its trades and impacts")
            .WithDescription("Honours Idempotency-Key.")
            .Produces<ScenarioView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound);

        modeling.MapGet("/scenarios", async (int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListScenarios(page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)).ToHttp())
            .WithName("listModelingScenarios")
            .WithSummary("List your saved scenarios, newest first (without impacts)")
            .Produces<PagedList<ScenarioView>>();

        modeling.MapGet("/scenarios/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetScenario(id), ct)).ToHttp())
            .WithName("getModelingScenario")
            .WithSummary("Get a saved scenario with its trades and impacts")
            .Produces<ScenarioView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult Ok(HttpContext http, SessionView view)
    {
        http.Response.Headers.ETag = view.ETag;
        return TypedResults.Ok(view);
    }

    private static IResult Created(HttpContext http, SessionView view)
    {
        http.Response.Headers.ETag = view.ETag;
        return TypedResults.Created($"/api/v1/modeling/sessions/{view.Id}", view);
    }

    private static async Task<IResult> Change(HttpContext http, Func<uint?, Task<Result<SessionView>>> send)
    {
        if (!EntityTags.HasIfMatch(http.Request))
        {
            return ModelingErrors.VersionRequired.ToProblem();
        }

        var version = EntityTags.IfMatch(http.Request);
        return version.IsSuccess ? (await send(version.Value)).ToHttp(view => Ok(http, view)) : version.Error!.ToProblem();
    }
}
