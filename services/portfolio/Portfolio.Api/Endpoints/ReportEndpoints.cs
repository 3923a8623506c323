using MediatR;
using Platform.Persistence.Idempotency;
using Platform.ServiceDefaults.Errors;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Reports;

namespace Portfolio.Api.Endpoints;

/// <summary>
/// <c>/api/v1/reports</c>: portfolio summaries and risk reports generated in the background (job type <c>report</c>),
/// downloaded as CSV or PDF. A report is its requester's alone: anyone else, admins included, gets 404.
/// </summary>
internal static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup(ReportView.Route).WithTags("Reports").RequireAuthorization(PortfolioPolicies.PortfolioUser);

        reports.MapPost("/", async (ReportInput body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new RequestReport(body), ct)).ToHttp(view => TypedResults.Accepted($"{ReportView.Route}/{view.Id}", view)))
            .WithIdempotency<PortfolioDb>()
            .WithName("requestReport")
            .WithSummary("Request a report of a portfolio you may read; it is generated in the background")
            .WithDescription($"kind: {ReportKinds.Names}; portfolioId; from/to (ISO dates, default the year to today, at most {ReportHistory.MaxDays} days) bound the history shown; scenarioId (whatIfComparison only, required there): one of your saved what-if scenarios of that portfolio. " +
                "202 with Location: follow it until status is succeeded or failed, then download. A portfolio you may not read is 404. Honours Idempotency-Key.")
            .Produces<ReportView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        reports.MapGet("/", async (int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListReports(page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)).ToHttp())
            .WithName("listReports")
            .WithSummary("List your own reports, newest first")
            .Produces<PagedList<ReportView>>();

        reports.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => (await mediator.Send(new GetReport(id), ct)).ToHttp())
            .WithName("getReport")
            .WithSummary("One of your reports: status (queued, running, succeeded, failed), progress, timestamps, error and files")
            .Produces<ReportView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        reports.MapGet("/{id:guid}/download", async (Guid id, string? format, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new DownloadReport(id, format), ct)).ToHttp(file =>
                    TypedResults.Stream(file.Content, file.ContentType, file.FileName)))
            .WithName("downloadReport")
            .WithSummary("Download a succeeded report as format=csv or format=pdf")
            .WithDescription("Served as an attachment named by the report's kind and id. 409 report.not_ready while it is queued or running, 409 report.failed when it failed.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf", additionalContentTypes: ["text/csv"])
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        reports.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new DeleteReport(id), ct)).ToHttp())
            .WithName("deleteReport")
            .WithSummary("Delete one of your finished reports and its files")
            .WithDescription("409 report.not_finished while it is queued or running.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
