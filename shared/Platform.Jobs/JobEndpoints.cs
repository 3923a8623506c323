using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Errors;
using Platform.SharedKernel;

namespace Platform.Jobs;

public static class JobEndpoints
{
    /// <summary>
    /// Admin endpoints under <paramref name="prefix"/> (e.g. <c>/api/v1/marketdata/admin</c>):
    /// <c>POST jobs/{type}</c> starts a job and answers 202 with <c>Location: {prefix}/jobs/{id}</c>
    /// (409 while one of that type and date is queued or running); <c>GET jobs/{id}</c> and
    /// <c>GET jobs?type=&amp;limit=</c> show progress and errors; <c>POST jobs/{id}/cancel</c> stops one; <c>GET job-schedules</c>,
    /// <c>GET job-schedules/{type}</c> and <c>PUT job-schedules/{type}</c> read and edit schedules.
    /// </summary>
    public static IEndpointRouteBuilder MapJobs<TDb>(this IEndpointRouteBuilder app, string prefix)
        where TDb : DbContext
    {
        prefix = prefix.TrimEnd('/');
        var admin = app.MapGroup(prefix).RequireAuthorization(PlatformPolicies.Admin).WithTags("Jobs");

        // One parameter name, {job}, for the type a POST starts and the id a GET reads: OpenAPI counts
        // /jobs/{type} and /jobs/{id} as the same path, which client generators refuse. The URLs are unchanged.
        // Resolved by hand: the route analyzer cannot handle a generic parameter in a handler signature.
        admin.MapPost("/jobs/{job}", async Task<IResult> (HttpContext http, [FromRoute(Name = "job")] string type, StartJobRequest? request, ICurrentUser user, CancellationToken cancellationToken) =>
        {
            var queue = http.RequestServices.GetRequiredService<JobQueue<TDb>>();
            var parameters = request?.Parameters is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } given ? given.GetRawText() : "{}";
            var result = await queue.EnqueueJsonAsync(type, parameters, request?.BusinessDate, user.Subject ?? "unknown", cancellationToken);
            return result.ToHttp(id =>
            {
                var location = $"{prefix}/jobs/{id}";
                return TypedResults.Accepted(location, new JobAccepted(id, JobStatus.Queued, location));
            });
        });

        admin.MapGet("/jobs/{job:guid}", async Task<IResult> (HttpContext http, [FromRoute(Name = "job")] Guid id, CancellationToken cancellationToken) =>
            await http.RequestServices.GetRequiredService<TDb>().Set<Job>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken) is { } job
                ? TypedResults.Ok(JobView.Of(job))
                : JobErrors.NotFound.ToProblem());

        admin.MapPost("/jobs/{job:guid}/cancel", async Task<IResult> (HttpContext http, [FromRoute(Name = "job")] Guid id, ICurrentUser user, TimeProvider clock, CancellationToken cancellationToken) =>
            (await CancelAsync(http.RequestServices.GetRequiredService<TDb>(), id, user, clock, cancellationToken)).ToHttp(job => TypedResults.Ok(JobView.Of(job))));

        admin.MapGet("/jobs", async (HttpContext http, string? type, int? limit, CancellationToken cancellationToken) =>
        {
            var jobs = http.RequestServices.GetRequiredService<TDb>().Set<Job>().AsNoTracking();
            if (!string.IsNullOrWhiteSpace(type))
            {
                jobs = jobs.Where(j => j.Type == type);
            }

            var newest = await jobs.OrderByDescending(j => j.CreatedAt).Take(Math.Clamp(limit ?? 50, 1, 500)).ToListAsync(cancellationToken);
            return TypedResults.Ok(new { items = newest.Select(JobView.Of) });
        });

        admin.MapGet("/job-schedules", async (HttpContext http, CancellationToken cancellationToken) =>
        {
            var schedules = await http.RequestServices.GetRequiredService<TDb>().Set<JobSchedule>().AsNoTracking().OrderBy(s => s.JobType).ToListAsync(cancellationToken);
            return TypedResults.Ok(new { items = schedules.Select(JobScheduleView.Of) });
        });

        admin.MapGet("/job-schedules/{type}", async Task<IResult> (HttpContext http, string type, CancellationToken cancellationToken) =>
            await http.RequestServices.GetRequiredService<TDb>().Set<JobSchedule>().AsNoTracking().SingleOrDefaultAsync(s => s.JobType == type, cancellationToken) is { } schedule
                ? TypedResults.Ok(JobScheduleView.Of(schedule))
                : JobErrors.ScheduleNotFound.ToProblem());

        admin.MapPut("/job-schedules/{type}", async (HttpContext http, string type, JobScheduleUpdate update, ICurrentUser user, TimeProvider clock, CancellationToken cancellationToken) =>
            (await UpdateScheduleAsync(http.RequestServices.GetRequiredService<TDb>(), http.RequestServices.GetRequiredService<JobRegistry>(), type, update, user, clock, cancellationToken))
                .ToHttp(schedule => TypedResults.Ok(JobScheduleView.Of(schedule))));

        return app;
    }

    /// <summary>
    /// Ends a queued or running job as cancelled. A running job's worker finds its lease gone at its
    /// next progress write and cancels the handler's token; the handler's open transaction rolls back.
    /// </summary>
    private static async Task<Result<Job>> CancelAsync(DbContext db, Guid id, ICurrentUser user, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var note = JobProgress.Truncate($"Cancelled by {user.Subject ?? "unknown"}.", Job.ErrorMaxLength);
        var cancelled = await db.Set<Job>()
            .Where(j => j.Id == id && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(j => j.Status, JobStatus.Cancelled)
                    .SetProperty(j => j.FinishedAt, now)
                    .SetProperty(j => j.LeaseOwner, (string?)null)
                    .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(j => j.LastError, note),
                cancellationToken);
        var job = await db.Set<Job>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null)
        {
            return JobErrors.NotFound;
        }

        return cancelled == 1 ? job : JobErrors.NotCancellable(job.Status);
    }

    /// <summary>Creates or replaces the schedule of a registered job type; the next run is computed from now.</summary>
    private static async Task<Result<JobSchedule>> UpdateScheduleAsync(
        DbContext db, JobRegistry registry, string type, JobScheduleUpdate update, ICurrentUser user, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (registry.Find(type) is not { } definition)
        {
            return JobErrors.UnknownType(type);
        }

        var schedule = await db.Set<JobSchedule>().SingleOrDefaultAsync(s => s.JobType == type, cancellationToken);
        var errors = CronSchedule.Check(update.Cron, update.TimeZone);
        if (update.Enabled is null)
        {
            errors["enabled"] = ["Required: true or false."];
        }

        var parameters = update.Parameters is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } given
            ? given.GetRawText()
            : schedule?.Parameters ?? "{}";
        if (definition.CheckParameters(parameters) is { } problem)
        {
            errors["parameters"] = [problem];
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        var now = clock.GetUtcNow();
        var enabled = update.Enabled!.Value;
        var next = CronSchedule.NextAfter(update.Cron!, update.TimeZone!, now);
        if (enabled && next is null)
        {
            return JobErrors.ScheduleNeverFires;
        }

        var editor = user.Subject ?? "unknown";
        if (schedule is null)
        {
            schedule = new JobSchedule { JobType = type, Cron = update.Cron!, TimeZoneId = update.TimeZone!, Parameters = parameters, UpdatedBy = editor };
            db.Add(schedule);
        }

        schedule.Cron = update.Cron!.Trim();
        schedule.TimeZoneId = update.TimeZone!.Trim();
        schedule.Enabled = enabled;
        schedule.Parameters = parameters;
        schedule.NextRunAt = enabled ? next : null;
        schedule.UpdatedAt = now;
        schedule.UpdatedBy = editor;
        await db.SaveChangesAsync(cancellationToken);
        return schedule;
    }
}
