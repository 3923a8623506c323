namespace Platform.Contracts.Jobs;

/// <summary>
/// A tracked job of <paramref name="Service"/> ended without success (it threw, timed out, or its
/// process died too often while running it). Carries enough for an operator to know what to re-run.
/// </summary>
/// <param name="BusinessDate">The date whose results the job was producing; null for undated jobs.</param>
/// <param name="Error">What went wrong, as recorded on the job.</param>
public sealed record JobFailed(Guid EventId, DateTimeOffset OccurredAt, Guid JobId, string Service, string JobType, DateOnly? BusinessDate, string Error)
    : IIntegrationEvent;
