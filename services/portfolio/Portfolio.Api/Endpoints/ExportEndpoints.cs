using MediatR;
using Platform.Persistence.Idempotency;
using Platform.ServiceDefaults.Errors;
using Platform.SharedKernel;
using Portfolio.Application.Exports;
using Portfolio.Application.Persistence;

namespace Portfolio.Api.Endpoints;

/// <summary><c>/api/v1/exports</c>: trade files (CSV, FIX 4.4) of your saved scenarios and sessions, and their history. Owner-only.</summary>
internal static class ExportEndpoints
{
    public static void MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/api/v1/exports").WithTags("Exports").RequireAuthorization(PortfolioPolicies.PortfolioUser);

        exports.MapPost("/", async (ExportInput body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CreateExport(body), ct)).ToHttp(view => TypedResults.Created($"/api/v1/exports/{view.Id}", view)))
            .WithIdempotency<PortfolioDb>()
            .WithName("createTradeExport")
            .WithSummary("Export the trades of a saved scenario (scenarioId) or a session (sessionId) as csv or fix")
            .WithDescription("fix: one FIX 4.4 NewOrderSingle (35=D) per trade, SOH-delimited. The file is kept in the document store; download it from the link. Honours Idempotency-Key.")
            .Produces<ExportView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        exports.MapGet("/", async (int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListExports(page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)).ToHttp())
            .WithName("listTradeExports")
            .WithSummary("Your export history, newest first")
            .Produces<PagedList<ExportView>>();

        exports.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => (await mediator.Send(new GetExport(id), ct)).ToHttp())
            .WithName("getTradeExport")
            .WithSummary("One export: format, trade count, size and SHA-256")
            .Produces<ExportView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        exports.MapGet("/{id:guid}/download", async (Guid id, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new DownloadExport(id), ct)).ToHttp(file => TypedResults.File(file.Content, file.ContentType, file.FileName)))
            .WithName("downloadTradeExport")
            .WithSummary("Download an export's file (as an attachment)")
            .Produces(StatusCodes.Status200OK, null, "text/csv", "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
