using System.Text.Json.Nodes;
using Deals.Application.Deals;
using Deals.Application.Persistence;
using Deals.Application.Review;
using Deals.Domain;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Platform.Persistence.Idempotency;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Http;
using Platform.SharedKernel;

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
            .WithSummary("List deals: filters, sort (e.g. -updatedAt), page and pageSize (at most 200), or cursor (a previous nextCursor).");

        deals.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var deal = await mediator.Send(new GetDeal(id), ct);
                if (deal.IsSuccess && EntityTags.IfNoneMatchHits(http.Request, deal.Value.ETag))
                {
                    http.Response.Headers.ETag = deal.Value.ETag;
                    return TypedResults.StatusCode(StatusCodes.Status304NotModified);
                }

                return deal.ToHttp(view => Ok(http, view));
            })
            .WithSummary("One deal, with its ETag.");

        deals.MapGet("/by-ticker/{ticker}", async (string ticker, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetDealsByTicker(ticker, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)).ToHttp())
            .WithSummary("Deals in which the ticker is the target or the acquirer, latest announcement first.");

        deals.MapPost("/", async (DealInput body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CreateDeal(body), ct)).ToHttp(view =>
                {
                    http.Response.Headers.ETag = view.ETag;
                    return TypedResults.Created($"/api/v1/deals/{view.Id}", view);
                }))
            .RequireAuthorization(PlatformPolicies.Analyst)
            .WithIdempotency<DealsDb>()
            .WithSummary("Create a draft deal owned by the caller. Honours Idempotency-Key.");

        deals.MapPut("/{id:guid}", async (Guid id, DealInput body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await WithRequiredVersion(http, version => mediator.Send(new UpdateDeal(id, version, body), ct)))
            .RequireAuthorization(PlatformPolicies.Analyst)
            .WithSummary("Replace the deal's terms. Requires If-Match; a reviewed deal returns to draft.");

        deals.MapPatch("/{id:guid}", async (Guid id, JsonObject patch, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await WithRequiredVersion(http, version => mediator.Send(new PatchDeal(id, version, patch), ct)))
            .RequireAuthorization(PlatformPolicies.Analyst)
            .Accepts<JsonObject>("application/merge-patch+json", "application/json")
            .WithSummary("Change some terms (JSON Merge Patch: null clears a field). Requires If-Match.");

        deals.MapDelete("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var version = EntityTags.IfMatch(http.Request);
                return version.IsSuccess ? (await mediator.Send(new DeleteDeal(id, version.Value), ct)).ToHttp() : version.Error!.ToProblem();
            })
            .RequireAuthorization(PlatformPolicies.Analyst)
            .WithSummary("Soft-delete the deal (If-Match honoured).");

        deals.MapPost("/{id:guid}/restore", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new RestoreDeal(id), ct)).ToHttp(view => Ok(http, view)))
            .RequireAuthorization(PlatformPolicies.Admin)
            .WithSummary("Restore a deleted deal (admins).");

        deals.MapPost("/{id:guid}/submit", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await WithVersion(http, version => mediator.Send(new SubmitDeal(id, version), ct), view => Ok(http, view)))
            .RequireAuthorization(PlatformPolicies.Analyst)
            .WithSummary("Submit a draft for review (owner or admin).");

        deals.MapPost("/{id:guid}/approve", async (Guid id, [FromBody] ReviewRequest? body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await WithVersion(http, version => mediator.Send(new ApproveDeal(id, body?.Comment, version), ct), view => Ok(http, view)))
            .RequireAuthorization(PlatformPolicies.Reviewer)
            .WithSummary("Approve a deal pending review; the owner cannot approve their own deal.");

        deals.MapPost("/{id:guid}/reject", async (Guid id, [FromBody] ReviewRequest? body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await WithVersion(http, version => mediator.Send(new RejectDeal(id, body?.Comment, version), ct), view => Ok(http, view)))
            .RequireAuthorization(PlatformPolicies.Reviewer)
            .WithSummary("Reject a deal pending review, with a comment saying what to fix.");

        deals.MapGet("/{id:guid}/audit", async (Guid id, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetDealHistory(id, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)).ToHttp())
            .WithSummary("The deal's change history: who, when, request id, and each field's before and after.");

        deals.MapGet("/export", async ([AsParameters] DealFilter filter, IMediator mediator, TimeProvider clock, CancellationToken ct) =>
                (await mediator.Send(new ExportDeals(filter), ct)).ToHttp(export => TypedResults.Stream(
                    stream => export.WriteToAsync(stream, ct),
                    "text/csv; charset=utf-8",
                    $"deals-{clock.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}.csv")))
            .WithSummary("The filtered deals as CSV (RFC 4180), streamed.");

        deals.MapPost("/import", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ImportDeals(request.Body), ct)).ToHttp())
            .RequireAuthorization(PlatformPolicies.Analyst)
            .WithRequestBodyLimit(ImportMaxBytes)
            // Any other content type is refused with 415 before the handler runs.
            .Accepts<string>("text/csv", "application/csv")
            .WithSummary("Create deals from a CSV file in the export's format: all rows or none.");
    }

    private static IResult Ok(HttpContext http, DealView view)
    {
        http.Response.Headers.ETag = view.ETag;
        return TypedResults.Ok(view);
    }

    // Replacing terms without saying which version they replace would silently drop someone's edit.
    private static async Task<IResult> WithRequiredVersion(HttpContext http, Func<uint?, Task<Result<DealView>>> send) =>
        EntityTags.HasIfMatch(http.Request)
            ? await WithVersion(http, send, view => Ok(http, view))
            : DealErrors.VersionRequired.ToProblem();

    private static async Task<IResult> WithVersion(HttpContext http, Func<uint?, Task<Result<DealView>>> send, Func<DealView, IResult> onSuccess)
    {
        var version = EntityTags.IfMatch(http.Request);
        return version.IsSuccess ? (await send(version.Value)).ToHttp(onSuccess) : version.Error!.ToProblem();
    }
}
