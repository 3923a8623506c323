using MediatR;
using Platform.Persistence.Idempotency;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Http;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Domain.Portfolios;

using static Platform.ServiceDefaults.Http.VersionedRequests;

namespace Portfolio.Api.Endpoints;

/// <summary><c>/api/v1/portfolios</c>: the portfolios themselves, with ETag and If-Match.</summary>
internal static class PortfolioEndpoints
{
    public static void MapPortfolioEndpoints(this IEndpointRouteBuilder app)
    {
        var portfolios = app.MapGroup("/api/v1/portfolios").WithTags("Portfolios").RequireAuthorization(PortfolioPolicies.PortfolioUser);

        portfolios.MapGet("/", async (bool? all, Guid? ownerId, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListPortfolios(all ?? false, ownerId, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)).ToHttp())
            .WithName("listPortfolios")
            .WithSummary("List your portfolios")
            .WithDescription("Your own, default first then by name. Risk managers and admins may pass all=true for everyone's, or ownerId for one user's (others get only their own).")
            .Produces<PagedList<PortfolioView>>();

        portfolios.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var portfolio = await mediator.Send(new GetPortfolio(id), ct);
                return (portfolio.IsSuccess ? EntityTags.NotModified(http, portfolio.Value.ETag) : null) ?? portfolio.ToHttp(view => OkWithETag(http, view, view.ETag));
            })
            .WithName("getPortfolio")
            .WithSummary("Get one portfolio, with its ETag")
            .Produces<PortfolioView>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        portfolios.MapPost("/", async (PortfolioInput body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CreatePortfolio(body), ct)).ToHttp(view =>
                {
                    http.Response.Headers.ETag = view.ETag;
                    return TypedResults.Created($"/api/v1/portfolios/{view.Id}", view);
                }))
            .WithIdempotency<PortfolioDb>()
            .WithName("createPortfolio")
            .WithSummary("Create a portfolio owned by the caller")
            .WithDescription("Honours Idempotency-Key. Names are unique per owner (409 portfolio.duplicate_name). Base currency defaults to USD.")
            .Produces<PortfolioView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);

        portfolios.MapPut("/{id:guid}", async (Guid id, PortfolioInput body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await WithRequiredVersionAsync(http, PortfolioErrors.VersionRequired, version => mediator.Send(new UpdatePortfolio(id, version, body), ct), view => view.ETag))
            .WithName("updatePortfolio")
            .WithSummary("Replace name, base currency, description and limits")
            .WithDescription("Requires If-Match (428 without it, 412 when stale). Owner or admin; a risk manager reading someone else's portfolio gets 403.")
            .Produces<PortfolioView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        portfolios.MapDelete("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var version = EntityTags.IfMatch(http.Request);
                return version.IsSuccess ? (await mediator.Send(new DeletePortfolio(id, version.Value), ct)).ToHttp() : version.Error!.ToProblem();
            })
            .WithName("deletePortfolio")
            .WithSummary("Delete a portfolio (not your default)")
            .WithDescription("If-Match is honoured when sent (412 when stale). The default portfolio cannot be deleted (422 portfolio.default).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
