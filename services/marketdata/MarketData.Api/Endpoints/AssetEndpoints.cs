using MarketData.Application.Assets;
using MediatR;
using Platform.ServiceDefaults.Errors;
using Platform.SharedKernel;

namespace MarketData.Api.Endpoints;

/// <summary><c>/api/v1/assets</c>: the tracked instruments and their reference data.</summary>
internal static class AssetEndpoints
{
    public static void MapAssetEndpoints(this IEndpointRouteBuilder app)
    {
        // Reads and tracking have different callers (a service may hold only marketdata.track), so each endpoint names its policy.
        var assets = app.MapGroup("/api/v1/assets").WithTags("Assets");

        assets.MapGet("/", async (string? q, string? type, string? sector, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new SearchAssets(q, type, sector, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)).ToHttp())
            .RequireAuthorization(MarketDataPolicies.Reader)
            .WithName("searchAssets")
            .WithSummary("Search tracked assets")
            .WithDescription("q matches the start of the symbol or any part of the name (case-insensitive); type is equity, etf, index or fxPair; sector is a GICS sector name. Ordered by symbol, paged.")
            .Produces<PagedList<AssetView>>();

        assets.MapGet("/{symbol}", async (string symbol, IMediator mediator, CancellationToken ct) => (await mediator.Send(new GetAsset(symbol), ct)).ToHttp())
            .RequireAuthorization(MarketDataPolicies.Reader)
            .WithName("getAsset")
            .WithSummary("One tracked asset, with the span of its stored history and its last refresh")
            .Produces<AssetDetailView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        assets.MapPost("/", async (TrackAssetInput body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new TrackAsset(body), ct)).ToHttp(tracked => tracked.Created
                    ? TypedResults.Created($"/api/v1/assets/{Uri.EscapeDataString(tracked.Asset.Symbol)}", tracked.Asset)
                    : TypedResults.Ok(tracked.Asset)))
            .RequireAuthorization(MarketDataPolicies.Tracker)
            .WithName("trackAsset")
            .WithSummary("Start tracking a symbol")
            .WithDescription("Admins, or services granted marketdata.track. The reference provider must know the symbol (404 marketdata.unknown_symbol otherwise; 503 marketdata.provider_unavailable when it cannot be asked). 201 when tracking starts, with its history back-filled by an asset-backfill job; 200 when it was tracked already. Safe to repeat.")
            .Produces<AssetView>(StatusCodes.Status201Created)
            .Produces<AssetView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }
}
