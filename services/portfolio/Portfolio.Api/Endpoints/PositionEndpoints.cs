using MediatR;
using Microsoft.AspNetCore.Mvc;
using Platform.Persistence.Idempotency;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Http;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Positions;
using Portfolio.Domain.Instruments;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Api.Endpoints;

/// <summary>Positions: created in a portfolio (<c>/api/v1/portfolios/{id}/positions</c>), then addressed by their own id (<c>/api/v1/positions/{id}</c>).</summary>
internal static class PositionEndpoints
{
    public static void MapPositionEndpoints(this IEndpointRouteBuilder app)
    {
        var inPortfolio = app.MapGroup("/api/v1/portfolios/{portfolioId:guid}/positions").WithTags("Positions").RequireAuthorization(PortfolioPolicies.PortfolioUser);
        var positions = app.MapGroup("/api/v1/positions").WithTags("Positions").RequireAuthorization(PortfolioPolicies.PortfolioUser);

        inPortfolio.MapGet("/", async (Guid portfolioId, [AsParameters] PositionQuery query, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(query.ToRequest(portfolioId), ct)).ToHttp())
            .WithName("listPortfolioPositions")
            .WithSummary("List a portfolio's positions")
            .WithDescription("Filters: type (long, short, longCall, longPut, shortCall, shortPut), tag, strategyId, underlying, sector; sort symbol, entryDate or updatedAt (prefix - for descending); page and pageSize (at most 200).")
            .Produces<PagedList<PositionView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        inPortfolio.MapPost("/", async (Guid portfolioId, PositionInput body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CreatePosition(portfolioId, body), ct)).ToHttp(view =>
                {
                    http.Response.Headers.ETag = view.ETag;
                    return TypedResults.Created($"/api/v1/positions/{view.Id}", view);
                }))
            .WithIdempotency<PortfolioDb>()
            .WithName("createPosition")
            .WithSummary("Add a position to the portfolio")
            .WithDescription("symbol is a ticker or an OCC option symbol (e.g. 'AAPL  260116C00150000'); the type follows from the quantity's sign and the option's side. " +
                "A symbol marketdata does not know is a 400 (errors.symbol). Honours Idempotency-Key.")
            .Produces<PositionView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound);

        inPortfolio.MapPost("/upload", async (Guid portfolioId, string? mode, HttpRequest request, IMediator mediator, CancellationToken ct) =>
            {
                if (EnumText.Parse<UploadMode>(mode ?? nameof(UploadMode.Append)) is not { } uploadMode)
                {
                    return Error.Validation(new Dictionary<string, string[]> { ["mode"] = ["Must be append or replace."] }).ToProblem();
                }

                return (await mediator.Send(new UploadPositions(portfolioId, request.Body, uploadMode), ct)).ToHttp();
            })
            .WithRequestBodyLimit(UploadMaxBytes)
            // Any other content type is refused with 415 before the handler runs.
            .Accepts<string>("text/csv", "application/csv")
            .WithName("uploadPositions")
            .WithSummary("Upload positions from a CSV file (up to 100,000 rows), all or nothing")
            .WithDescription("Header symbol,quantity,entryPrice,entryDate; optional tags (separated by ;), strategy, multiplier, currency (docs/portfolio-upload.md). " +
                "symbol is a ticker or an OCC option symbol. mode=append (default) adds to the portfolio, mode=replace closes its positions first. " +
                "Any bad row: 422 position.upload_invalid with rows: [{ line, field, message }], and nothing is stored.")
            .Produces<UploadResult>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        positions.MapGet("/", async ([AsParameters] PositionQuery query, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(query.ToRequest(query.PortfolioId), ct)).ToHttp())
            .WithName("listPositions")
            .WithSummary("List positions")
            .WithDescription("Your own positions across your portfolios, or one portfolio's with portfolioId (any portfolio you may read). Same filters as a portfolio's list.")
            .Produces<PagedList<PositionView>>();

        positions.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var position = await mediator.Send(new GetPosition(id), ct);
                return (position.IsSuccess ? EntityTags.NotModified(http, position.Value.ETag) : null) ?? position.ToHttp(view => Ok(http, view));
            })
            .WithName("getPosition")
            .WithSummary("Get one position, with its ETag")
            .Produces<PositionView>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        positions.MapPut("/{id:guid}", async (Guid id, PositionInput body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                if (!EntityTags.HasIfMatch(http.Request))
                {
                    return PortfolioErrors.VersionRequired.ToProblem();
                }

                var version = EntityTags.IfMatch(http.Request);
                return version.IsSuccess
                    ? (await mediator.Send(new UpdatePosition(id, version.Value, body), ct)).ToHttp(view => Ok(http, view))
                    : version.Error!.ToProblem();
            })
            .WithName("updatePosition")
            .WithSummary("Replace the position's terms")
            .WithDescription("Requires If-Match (428 without it, 412 when stale).")
            .Produces<PositionView>()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        positions.MapDelete("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var version = EntityTags.IfMatch(http.Request);
                return version.IsSuccess ? (await mediator.Send(new DeletePosition(id, version.Value), ct)).ToHttp() : version.Error!.ToProblem();
            })
            .WithName("deletePosition")
            .WithSummary("Close (delete) the position")
            .WithDescription("If-Match is honoured when sent (412 when stale).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    /// <summary>100,000 rows of about 100 bytes, with room for tags and strategy names.</summary>
    private const long UploadMaxBytes = 16 * 1024 * 1024;

    private static IResult Ok(HttpContext http, PositionView view)
    {
        http.Response.Headers.ETag = view.ETag;
        return TypedResults.Ok(view);
    }

    /// <summary>The list's query string.</summary>
    internal sealed record PositionQuery(
        [FromQuery] Guid? PortfolioId,
        [FromQuery] PositionType? Type,
        [FromQuery] string? Tag,
        [FromQuery] Guid? StrategyId,
        [FromQuery] string? Underlying,
        [FromQuery] string? Sector,
        [FromQuery] string? Sort,
        [FromQuery] int? Page,
        [FromQuery] int? PageSize)
    {
        public ListPositions ToRequest(Guid? portfolioId) =>
            new(new PositionFilter(portfolioId, Type, Tag, StrategyId, Underlying, Sector, Sort), Page ?? 1, PageSize ?? Paging.DefaultPageSize);
    }
}
