using MarketData.Application.Refresh;
using MarketData.Domain;
using Platform.Jobs;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Errors;
using Platform.SharedKernel;

namespace MarketData.Api.Endpoints;

/// <summary>
/// <c>POST /api/v1/market-data/admin/refresh</c>: an end-of-day refresh now, as a tracked job
/// (followed at <c>GET /api/v1/market-data/admin/jobs/{id}</c>, which the shared job endpoints serve).
/// </summary>
internal static class RefreshEndpoint
{
    public sealed record RefreshRequest(DateOnly? BusinessDate, string[]? Symbols);

    // Bars are partitioned from 1970 on, and a refresh reaches HistoryYears (at most 30) further back.
    private static readonly DateOnly EarliestBusinessDate = new(2000, 1, 1);

    public static void MapRefreshEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/market-data/admin/refresh", async (RefreshRequest? body, IJobs jobs, ICurrentUser user, TimeProvider clock, CancellationToken ct) =>
            {
                var lastClosed = MarketCalendar.LastClosedSession(clock.GetUtcNow());
                var businessDate = body?.BusinessDate ?? lastClosed;
                if (businessDate > lastClosed || businessDate < EarliestBusinessDate)
                {
                    return Error.Validation(new Dictionary<string, string[]>
                    {
                        ["businessDate"] = [$"Must be a day whose session has closed, from {EarliestBusinessDate:yyyy-MM-dd} on."],
                    }).ToProblem();
                }

                if (body?.Symbols is { } symbols && (symbols.Length > 1000 || !symbols.All(Symbols.IsValid)))
                {
                    return Error.Validation(new Dictionary<string, string[]> { ["symbols"] = [$"At most 1000 symbols; each: {Symbols.Rule}"] }).ToProblem();
                }

                var started = await jobs.EnqueueAsync(EndOfDayRefresh.Type, new RefreshParams(body?.Symbols), businessDate, user.Subject ?? "unknown", ct);
                return started.ToHttp(id =>
                {
                    var location = $"/api/v1/market-data/admin/jobs/{id}";
                    return TypedResults.Accepted(location, new JobAccepted(id, JobStatus.Queued, location));
                });
            })
            .RequireAuthorization(PlatformPolicies.Admin)
            .WithTags("Jobs")
            .WithName("refreshMarketData")
            .WithSummary("Run the end-of-day refresh now")
            .WithDescription("Admins. businessDate defaults to the last closed session; symbols (optional) limits the run. 202 with the job's id and Location; 409 jobs.already_pending with the running job's id when one for that date is queued or running. Re-running a date replaces its numbers, never duplicates them.")
            .Produces<JobAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
