using System.Text.Json.Nodes;
using Deals.Application.Authoring;
using Deals.Application.Csv;
using Deals.Application.Persistence;
using Deals.Application.Queries;
using Deals.Application.Review;
using Deals.Domain;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Platform.Persistence.Idempotency;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Http;
using Platform.SharedKernel;

using static Platform.ServiceDefaults.Http.VersionedRequests;

namespace Deals.Api.Endpoints;

/// <summary>
/// <c>/api/v1/deals</c>. Every signed-in user reads; analysts (and admins) write; reviewers (and admins)
/// review. The policies here are the first gate; ownership and four-eyes are the aggregate's rules.
/// </summary>
internal static class DealEndpoints
{
    private const long ImportMaxBytes = 16 * 1024 * 1024;

    public sealed record ReviewRequest(string? Comment);

    public static void MapDealEndpoints(this IEndpointRouteBuilder app)
    {
        var deals = app.MapGroup("/api/v1/deals").WithTags("Deals");

        deals.MapGet("/", async ([AsParameters] DealFilter filter, int? page, int? pageSize, string? cursor, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListDeals(filter, page ?? 1, pageSize ?? Paging.DefaultPageSize, cursor), ct)).ToHttp())
            .WithName("listDeals")
            .WithSummary("List deals")
            .WithDescription("Filters, sort (e.g. -updatedAt), page and pageSize (at most 200), or cursor (a previous nextCursor). Deleted deals are listed to admins only.")
            .Produces<PagedList<DealView>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        deals.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var deal = await mediator.Send(new GetDeal(id), ct);
                return (deal.IsSuccess ? EntityTags.NotModified(http, deal.Value.ETag) : null) ?? deal.ToHttp(view => OkWithETag(http, view, view.ETag));
            })
            .WithName("getDeal")
            .WithSummary("Get one deal, with its ETag")
            .WithDescription("If-None-Match with the current ETag answers 304 without a body. The ETag versions the terms and review only: " +
                "market (figures at the latest PricesUpdated prices, null before any) and the ticker status live beside the row and change without it.")
            .Produces<DealView>()
            .Produces(StatusCodes.Status304NotModified);

        deals.MapGet("/by-ticker/{ticker}", async (string ticker, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetDealsByTicker(ticker, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)).ToHttp())
            .WithName("listDealsByTicker")
            .WithSummary("List deals in which the ticker is the target or the acquirer")
            .WithDescription("Latest announcement first.")
            .Produces<PagedList<DealView>>();

        deals.MapPost("/", async (DealInput body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CreateDeal(body), ct)).ToHttp(view =>
                {
                    http.Response.Headers.ETag = view.ETag;
                    return TypedResults.Created($"/api/v1/deals/{view.Id}", view);
                }))
            .RequireAuthorization(PlatformPolicies.Analyst)
            .WithIdempotency<DealsDb>()
            .WithName("createDeal")
            .WithSummary("Create a draft deal owned by the caller")
            .WithDescription("Honours Idempotency-Key: a replay returns the first response; a key still in flight is 409, a key reused with another body 422. " +
                "Target and acquirer tickers are checked with marketdata: one it does not know is a 400 (errors.targetTicker / errors.acquirerTicker); " +
                "when marketdata cannot answer in time (Deals:MarketData:Timeout, 2 s) the deal is saved with tickerUnverified true and checked again later.")
            .Produces<DealView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        deals.MapPut("/{id:guid}", async (Guid id, DealInput body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await WithRequiredVersionAsync(http, DealErrors.VersionRequired, version => mediator.Send(new UpdateDeal(id, version, body), ct), view => view.ETag))
            .RequireAuthorization(PlatformPolicies.Analyst)
            .WithName("updateDeal")
            .WithSummary("Replace the deal's terms")
            .WithDescription("Requires If-Match (428 without it, 412 when stale); a reviewed deal returns to draft. A changed ticker is checked with marketdata as on create.")
            .Produces<DealView>()
            .ProducesVersionProblems();

        deals.MapPatch("/{id:guid}", async (Guid id, JsonObject patch, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await WithRequiredVersionAsync(http, DealErrors.VersionRequired, version => mediator.Send(new PatchDeal(id, version, patch), ct), view => view.ETag))
            .RequireAuthorization(PlatformPolicies.Analyst)
            .Accepts<JsonObject>("application/merge-patch+json", "application/json")
            .WithName("patchDeal")
            .WithSummary("Change some of the deal's terms")
            .WithDescription("JSON Merge Patch: null clears a field. Requires If-Match (428 without it, 412 when stale).")
            .Produces<DealView>()
            .ProducesVersionProblems();

        deals.MapDelete("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var version = EntityTags.IfMatch(http.Request);
                return version.IsSuccess ? (await mediator.Send(new DeleteDeal(id, version.Value), ct)).ToHttp() : version.Error!.ToProblem();
            })
            .RequireAuthorization(PlatformPolicies.Analyst)
            .WithName("deleteDeal")
            .WithSummary("Soft-delete the deal")
            .WithDescription("If-Match is honoured when sent (412 when stale).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        deals.MapPost("/{id:guid}/restore", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new RestoreDeal(id), ct)).ToHttp(view => OkWithETag(http, view, view.ETag)))
            .RequireAuthorization(PlatformPolicies.Admin)
            .WithName("restoreDeal")
            .WithSummary("Restore a deleted deal (admins)")
            .Produces<DealView>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        deals.MapPost("/{id:guid}/submit", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await WithVersionAsync(http, version => mediator.Send(new SubmitDeal(id, version), ct), view => view.ETag))
            .RequireAuthorization(PlatformPolicies.Analyst)
            .WithName("submitDeal")
            .WithSummary("Submit a draft for review (owner or admin)")
            .Produces<DealView>()
            .ProducesTransitionProblems();

        deals.MapPost("/{id:guid}/approve", async (Guid id, [FromBody] ReviewRequest? body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await WithReadVersionAsync(http, DealErrors.ReviewedVersionRequired, version => mediator.Send(new ApproveDeal(id, body?.Comment, version), ct), view => view.ETag))
            .RequireAuthorization(PlatformPolicies.Reviewer)
            .WithName("approveDeal")
            .WithSummary("Approve a deal pending review")
            .WithDescription("Requires If-Match with the ETag of the version reviewed (428 without it or with *, 412 when stale). "
                + "Neither the owner nor anyone who changed the terms since the last approval may approve, admins included (403 deal.four_eyes).")
            .Produces<DealView>()
            .ProducesVersionProblems();

        deals.MapPost("/{id:guid}/reject", async (Guid id, [FromBody] ReviewRequest? body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await WithReadVersionAsync(http, DealErrors.ReviewedVersionRequired, version => mediator.Send(new RejectDeal(id, body?.Comment, version), ct), view => view.ETag))
            .RequireAuthorization(PlatformPolicies.Reviewer)
            .WithName("rejectDeal")
            .WithSummary("Reject a deal pending review")
            .WithDescription("Needs a comment saying what to fix (422 deal.comment_required). "
                + "Requires If-Match with the ETag of the version reviewed (428 without it or with *, 412 when stale). "
                + "Neither the owner nor anyone who changed the terms since the last approval may reject, admins included (403 deal.four_eyes).")
            .Produces<DealView>()
            .ProducesVersionProblems();

        deals.MapGet("/{id:guid}/audit", async (Guid id, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetDealHistory(id, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)).ToHttp())
            .WithName("getDealHistory")
            .WithSummary("Get the deal's change history")
            .WithDescription("Who, when, request id, and each field's before and after.")
            .Produces<PagedList<DealChange>>();

        deals.MapGet("/export", async ([AsParameters] DealFilter filter, HttpContext http, IMediator mediator, TimeProvider clock, ILogger<DealExport> logger, CancellationToken ct) =>
                (await mediator.Send(new ExportDeals(filter), ct)).ToHttp(export =>
                {
                    http.Response.RegisterForDisposeAsync(export);
                    return TypedResults.Stream(
                        stream => StreamExportAsync(http, export, stream, logger, ct),
                        "text/csv; charset=utf-8",
                        $"deals-{clock.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}.csv");
                }))
            .WithName("exportDeals")
            .WithSummary("Export the filtered deals as CSV")
            .WithDescription("RFC 4180, streamed. The filter is checked and the query has returned its first row before the response starts, "
                + "so a bad filter is a 400 and an unavailable database a 503, never a partial file. If the database fails after rows were sent, "
                + "the failure is logged and the connection aborted: the download ends in an error, never as a shorter file that looks complete.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        deals.MapPost("/import", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ImportDeals(request.Body), ct)).ToHttp())
            .RequireAuthorization(PlatformPolicies.Analyst)
            .WithRequestBodyLimit(ImportMaxBytes)
            // Any other content type is refused with 415 before the handler runs.
            .Accepts<string>("text/csv", "application/csv")
            .WithName("importDeals")
            .WithSummary("Import deals from a CSV file")
            .WithDescription("The export's format; all rows or none (422 deal.import_invalid with the rows' errors).")
            .Produces<DealImportResult>()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    // State transitions honour If-Match when sent and refuse a deal in the wrong state.
    private static RouteHandlerBuilder ProducesTransitionProblems(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    // Changing terms and deciding on them require If-Match; the terms must keep the deal's rules, a decision its state.
    private static RouteHandlerBuilder ProducesVersionProblems(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

    // Before the first byte is sent a failure still becomes a problem response (the exception handler
    // writes it). After that the status is out: abort, so the client cannot take the cut-off CSV for the whole.
    private static async Task StreamExportAsync(HttpContext http, DealExport export, Stream body, ILogger logger, CancellationToken ct)
    {
        try
        {
            await export.WriteToAsync(body, ct);
        }
        catch (Exception failure) when (http.Response.HasStarted && !ct.IsCancellationRequested)
        {
            logger.LogError(failure, "Deal export failed after {Rows} rows had been read; the response was aborted", export.RowsWritten);
            http.Abort();
        }
    }
}
