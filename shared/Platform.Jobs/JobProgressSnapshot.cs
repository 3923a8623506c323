namespace Platform.Jobs;

/// <summary>A consistent copy of a run's progress, taken under its lock, for one write to the job row.</summary>
internal sealed record JobProgressSnapshot(int Done, int? Total, List<JobItemError> Errors, int ErrorCount);
