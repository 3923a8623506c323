using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.OpenApi;

/// <summary>
/// The tracked-job endpoints Platform.Jobs maps (<c>MapJobs</c>) return <c>IResult</c> and carry no
/// names; a service with jobs registers their ids and summaries here (Platform.Hosting does it).
/// </summary>
public static class JobsOpenApi
{
    public const string Tag = "Jobs";

    public static IServiceCollection DescribeJobsOpenApi(this IServiceCollection services) =>
        services.Configure<PlatformOpenApiOptions>(options =>
        {
            options.TagDescriptions[Tag] = "Admins only: the service's tracked background jobs (start, follow, cancel) and their schedules (docs/jobs.md).";
            options.Operations.AddRange(
            [
                new(Tag, HttpMethods.Post, "/jobs/{job}", "startJob", "Start a job of type {job} now (202 with its id and Location)", StatusCodes.Status202Accepted),
                new(Tag, HttpMethods.Get, "/jobs/{job}", "getJob", "Job {job} (its id): status, progress and item errors"),
                new(Tag, HttpMethods.Post, "/jobs/{job}/cancel", "cancelJob", "Cancel job {job} (its id), queued or running"),
                new(Tag, HttpMethods.Get, "/jobs", "listJobs", "The newest jobs, optionally of one type"),
                new(Tag, HttpMethods.Get, "/job-schedules", "listJobSchedules", "Every job schedule"),
                new(Tag, HttpMethods.Get, "/job-schedules/{type}", "getJobSchedule", "One job type's schedule"),
                new(Tag, HttpMethods.Put, "/job-schedules/{type}", "updateJobSchedule", "Change a job type's schedule (cron, time zone, enabled, parameters)"),
            ]);
        });
}
