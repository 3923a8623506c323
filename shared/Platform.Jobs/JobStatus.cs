namespace Platform.Jobs;

/// <summary>Where a job is in its life; stored and served as camelCase text.</summary>
public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    /// <summary>Stopped by an admin (<c>POST …/jobs/{id}/cancel</c>); no failure alert.</summary>
    Cancelled,
    TimedOut,
}
