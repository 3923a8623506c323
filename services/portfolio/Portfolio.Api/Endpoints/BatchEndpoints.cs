using MediatR;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Http;
using Platform.SharedKernel;
using Portfolio.Application.Batch;
using Portfolio.Application.Demo;
using Portfolio.Application.Portfolios;

namespace Portfolio.Api.Endpoints;

/// <summary>
/// <c>/api/v1/portfolios/admin/batch</c>: the nightly batch's jobs started and followed by admins, a thin view
/// over the shared job runner (the generic <c>…/admin/jobs</c> endpoints see the same runs); and, in
/// Development only, the demo data reset.
/// </summary>
internal static class BatchEndpoints
{
    public const string Prefix = "/api/v1/portfolios/admin/batch";

    public sealed record BatchRunRequest(DateOnly? BusinessDate, bool? Recompute, int? KeepDays);

    public sealed record BatchRunAccepted(Guid Id, string Status, string Location);

    public static void MapBatchEndpoints(this IEndpointRouteBuilder app, IHostEnvironment environment)
    {
        var batch = app.MapGroup(Prefix).WithTags("Batch").RequireAuthorization(PlatformPolicies.Admin);

        batch.MapPost("/{job}", async (string job, BatchRunRequest? body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new StartBatchRun(job, body?.BusinessDate, body?.Recompute ?? false, body?.KeepDays), ct)).ToHttp(id =>
                {
                    var location = $"{Prefix}/runs/{id}";
                    return TypedResults.Accepted(location, new BatchRunAccepted(id, "queued", location));
                }))
            .WithName("startBatchRun")
            .WithSummary("Start a batch job (market-data-sync, risk-metrics, snapshots, retention) for a business date")
            .WithDescription("Body (optional): businessDate (default today in New York), recompute (risk-metrics/snapshots: redo portfolios already done for the date), " +
                "keepDays (retention, default 365). 202 with Location of the run; 409 jobs.already_pending with jobId while one of that job and date is queued or running.")
            .Produces<BatchRunAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        batch.MapGet("/runs", async (string? job, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListBatchRuns(job, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)).ToHttp())
            .WithName("listBatchRuns")
            .WithSummary("The batch's runs, newest first, optionally of one job")
            .Produces<PagedList<BatchRunView>>();

        batch.MapGet("/runs/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => (await mediator.Send(new GetBatchRun(id), ct)).ToHttp())
            .WithName("getBatchRun")
            .WithSummary("One batch run: status, progress (finished portfolios), item errors, and its portfolios by outcome")
            .Produces<BatchRunView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        if (environment.IsDevelopment())
        {
            app.MapPost("/api/v1/portfolios/admin/demo/reset", async (IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(new ResetDemoData(), ct)).ToHttp())
                .RequireAuthorization(PlatformPolicies.Admin)
                .WithTags("Batch")
                .WithName("resetDemoData")
                .WithSummary("Development only: restore the calling admin's three demo portfolios and their 90 days of history")
                .Produces<IReadOnlyList<PortfolioView>>();
        }
    }
}
