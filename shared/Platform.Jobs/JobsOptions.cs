using System.ComponentModel.DataAnnotations;

namespace Platform.Jobs;

/// <summary>Job worker and scheduler settings, section <c>Jobs</c>.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>How often the worker looks for queued jobs and expired leases without being woken.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many jobs one replica runs at once.</summary>
    [Range(1, 64)]
    public int MaxConcurrentJobs { get; set; } = 2;

    /// <summary>
    /// How long a running job's worker may stay silent before it is presumed dead. The lease is
    /// renewed every <see cref="ProgressInterval"/>, so this only needs to cover a few missed renewals.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a running job's progress is written (and its lease renewed).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Starts of one job (the first included) before a job whose worker keeps dying is failed instead of re-queued.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How many item errors a job keeps; all are counted.</summary>
    [Range(0, 10_000)]
    public int MaxItemErrors { get; set; } = 100;

    /// <summary>How often the scheduler looks for due schedules.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan ScheduleInterval { get; set; } = TimeSpan.FromSeconds(15);
}
