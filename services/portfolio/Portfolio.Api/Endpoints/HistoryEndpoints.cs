using MediatR;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Http;
using Portfolio.Application.Snapshots;

namespace Portfolio.Api.Endpoints;

/// <summary><c>/api/v1/portfolios/{id}/history</c>: the nightly snapshots as a series for charts.</summary>
internal static class HistoryEndpoints
{
    public static void MapHistoryEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/portfolios/{portfolioId:guid}/history", async (Guid portfolioId, string? from, string? to, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetPortfolioHistory(portfolioId, from, to), ct)).ToHttp())
            .RequireAuthorization(PortfolioPolicies.PortfolioUser)
            .WithTags("Risk")
            .WithName("getPortfolioHistory")
            .WithSummary("Daily snapshots between two business dates: market value, P&L, exposures, greeks, 1-day 99% VaR, factor betas")
            .WithDescription("from and to are yyyy-MM-dd (inclusive; to defaults to today in New York, from to 89 days before it), at most 366 days apart. " +
                "One point per business date the nightly batch snapshotted; snapshots are kept 365 days, older ones are archived.")
            .Produces<PortfolioHistory>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
