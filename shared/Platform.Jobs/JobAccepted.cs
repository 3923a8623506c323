namespace Platform.Jobs;

/// <summary>The body of a 202: the job's id and where to follow it (also the <c>Location</c> header).</summary>
public sealed record JobAccepted(Guid Id, JobStatus Status, string Location);
