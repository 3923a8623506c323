using Platform.SharedKernel;

namespace Platform.Jobs;

/// <summary>The expected failures of starting jobs and editing schedules; the HTTP status follows from the kind.</summary>
internal static class JobErrors
{
    public static Error UnknownType(string type) =>
        Error.NotFound("jobs.unknown_type", $"This service has no job type '{type}'.");

    public static readonly Error NotFound = Error.NotFound("jobs.not_found", "No job of this service has this id.");

    public static readonly Error ScheduleNotFound = Error.NotFound("jobs.schedule_not_found", "This job type has no schedule.");

    public static Error AlreadyPending(string type, DateOnly? businessDate, Guid pendingJobId) =>
        Error.Conflict("jobs.already_pending", $"A '{type}' job for {businessDate:yyyy-MM-dd} is already queued or running; wait for it to finish.")
            with { Details = new Dictionary<string, object?> { ["jobId"] = pendingJobId } };

    public static Error InvalidParameters(string reason) =>
        Error.Validation(new Dictionary<string, string[]> { ["parameters"] = [reason] });

    public static Error NotCancellable(JobStatus status) =>
        Error.Conflict("jobs.not_cancellable", $"The job has already ended ({EnumText.Name(status)}); only queued or running jobs can be cancelled.");

    public static readonly Error ScheduleNeverFires =
        Error.Rule("jobs.schedule_never_fires", "The cron expression has no occurrence in the future, so the job would never run.");
}
