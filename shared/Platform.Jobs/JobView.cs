using System.Text.Json;

namespace Platform.Jobs;

/// <summary>A job as <c>GET …/jobs/{id}</c> shows it: where it is, how far it got, what failed.</summary>
public sealed record JobView(
    Guid Id,
    string Type,
    DateOnly? BusinessDate,
    JobStatus Status,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int ItemsDone,
    int? ItemsTotal,
    IReadOnlyList<JobItemError> ItemErrors,
    int ItemErrorCount,
    TimeSpan Timeout,
    int Attempts,
    string? LastError,
    JsonElement Parameters)
{
    internal static JobView Of(Job job) => new(
        job.Id, job.Type, job.BusinessDate, job.Status, job.RequestedBy, job.CreatedAt, job.StartedAt, job.FinishedAt,
        job.ItemsDone, job.ItemsTotal, job.ItemErrors, job.ItemErrorCount, job.Timeout, job.Attempts, job.LastError,
        JsonDocument.Parse(job.Parameters).RootElement.Clone());
}
