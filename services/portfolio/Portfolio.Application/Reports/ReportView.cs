using Microsoft.EntityFrameworkCore;
using Platform.Jobs;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Reports;

public sealed record ReportProgress(int Done, int? Total);

public sealed record ReportFileView(string Format, string ContentType, long SizeBytes, string Sha256, string Href);

/// <summary>A report as its requester sees it: where generation is, and its files once it has succeeded.</summary>
public sealed record ReportView(
    Guid Id,
    string Kind,
    Guid PortfolioId,
    DateOnly From,
    DateOnly To,
    Guid? ScenarioId,
    ReportStatus Status,
    ReportProgress Progress,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    IReadOnlyList<ReportFileView> Files)
{
    public const string Route = "/api/v1/reports";

    /// <summary>The status a client sees: the generator's outcome once written, until then its job's (a job that died is a failure).</summary>
    public static ReportView Of(ReportRow report, Job? job, IEnumerable<ReportFileRow> files)
    {
        var (status, error) = report.Status is ReportStatus.Succeeded or ReportStatus.Failed || job is null
            ? (report.Status, report.Error)
            : job.Status switch
            {
                JobStatus.Queued => (ReportStatus.Queued, null),
                JobStatus.Running => (ReportStatus.Running, null),
                JobStatus.TimedOut => (ReportStatus.Failed, "The report took too long to generate and was stopped."),
                JobStatus.Cancelled => (ReportStatus.Failed, "Generation was cancelled by an administrator."),
                _ => (ReportStatus.Failed, GenerateReport.UnexpectedError),
            };
        // The job writes its progress every few seconds; a report written as succeeded is complete whatever the job row says yet.
        var progress = status == ReportStatus.Succeeded
            ? new ReportProgress(GenerateReport.Steps, GenerateReport.Steps)
            : new ReportProgress(job?.ItemsDone ?? 0, job?.ItemsTotal);
        return new ReportView(report.Id, report.Kind, report.PortfolioId, report.From, report.To, report.ScenarioId, status, progress, report.CreatedAt,
            report.StartedAt ?? job?.StartedAt, report.FinishedAt ?? (status == ReportStatus.Failed ? job?.FinishedAt : null), error,
            [.. files.OrderBy(f => f.Format, StringComparer.Ordinal).Select(f => new ReportFileView(f.Format, f.ContentType, f.SizeBytes, f.Sha256,
                $"{Route}/{report.Id}/download?format={f.Format}"))]);
    }
}

internal static class ReportErrors
{
    public static readonly Error NotFound = Error.NotFound("report.not_found", "No report with this id.");
    public static readonly Error NotReady = Error.Conflict("report.not_ready", "The report is still being generated; follow its status until it has succeeded.");
    public static readonly Error Failed = Error.Conflict("report.failed", "The report failed and has no files; its status says why.");
    public static readonly Error StillRunning = Error.Conflict("report.not_finished", "The report is still being generated; delete it once it has finished.");
    public static readonly Error FileMissing = Error.NotFound("report.file_missing", "The report's file is no longer in the document store.");
}

/// <summary>The one way a use case reaches a report: only its requester's, anyone else (admins too) gets "not found".</summary>
internal static class ReportAccess
{
    public static async Task<Result<ReportRow>> FindOwnAsync(this PortfolioDb db, ICurrentUser user, Guid reportId, CancellationToken cancellationToken, bool tracked = false)
    {
        if (user.UserId is not { } caller)
        {
            return ReportErrors.NotFound;
        }

        var reports = tracked ? db.Set<ReportRow>() : db.Set<ReportRow>().AsNoTracking();
        return await reports.SingleOrDefaultAsync(r => r.Id == reportId && r.RequestedBy == caller, cancellationToken) is { } report
            ? report
            : ReportErrors.NotFound;
    }

    /// <summary>The views of these reports, with their jobs and files in two queries.</summary>
    public static async Task<List<ReportView>> ViewsAsync(this PortfolioDb db, IReadOnlyList<ReportRow> reports, CancellationToken cancellationToken)
    {
        var jobIds = reports.Select(r => r.JobId).ToList();
        var reportIds = reports.Select(r => r.Id).ToList();
        var jobs = await db.Set<Job>().AsNoTracking().Where(j => jobIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, cancellationToken);
        var files = (await db.Set<ReportFileRow>().AsNoTracking().Where(f => reportIds.Contains(f.ReportId)).ToListAsync(cancellationToken)).ToLookup(f => f.ReportId);
        return [.. reports.Select(r => ReportView.Of(r, jobs.GetValueOrDefault(r.JobId), files[r.Id]))];
    }
}
