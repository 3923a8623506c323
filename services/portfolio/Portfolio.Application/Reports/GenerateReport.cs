using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Jobs;
using Platform.Storage;
using Portfolio.Application.Persistence;
using Portfolio.Application.Reports.Rendering;

namespace Portfolio.Application.Reports;

/// <summary>The <c>report</c> job's parameters: the report to generate (undated: one job per report).</summary>
public sealed record ReportJob(Guid ReportId = default);

/// <summary>
/// Generates one report on the shared job runner: builds its document with the kind's class, renders CSV and PDF,
/// keeps both in the document store and records key, size, SHA-256 and content type per format. A re-run (crash
/// recovery) removes what an earlier attempt stored first; a report already finished or deleted is left alone.
/// </summary>
public sealed class GenerateReport(PortfolioDb db, IDocumentStore store, IServiceProvider services, TimeProvider clock, ILogger<GenerateReport> logger)
    : IJobHandler<ReportJob>
{
    public const string JobType = "report";
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public const string UnexpectedError = "The report could not be generated because of an unexpected error; the administrators have been told.";

    /// <summary>Build, CSV, PDF, store: the job's items.</summary>
    public const int Steps = 4;

    public async Task RunAsync(JobContext<ReportJob> job, CancellationToken cancellationToken)
    {
        var report = await db.Set<ReportRow>().SingleOrDefaultAsync(r => r.Id == job.Parameters.ReportId, cancellationToken);
        if (report is null || report.Status is ReportStatus.Succeeded or ReportStatus.Failed)
        {
            return;
        }

        job.Progress.SetTotal(Steps);
        await RemoveEarlierFilesAsync(report.Id, cancellationToken);
        (report.Status, report.StartedAt, report.Error) = (ReportStatus.Running, clock.GetUtcNow(), null);
        await db.SaveChangesAsync(cancellationToken);

        var stored = new List<StoredDocument>();
        try
        {
            var document = await BuildAsync(report, cancellationToken);
            job.Progress.Advance();
            var csv = await ReportCsv.ToBytesAsync(document, cancellationToken);
            job.Progress.Advance();
            var pdf = ReportPdf.ToBytes(document, $"Portfolio service, report {report.Id}");
            job.Progress.Advance();
            foreach (var (format, contentType, content) in new[] { ("csv", ReportCsv.ContentType, csv), ("pdf", ReportPdf.ContentType, pdf) })
            {
                using var stream = new MemoryStream(content, writable: false);
                var kept = await store.PutAsync(stream, contentType, cancellationToken);
                stored.Add(kept);
                db.Set<ReportFileRow>().Add(new ReportFileRow
                {
                    ReportId = report.Id, Format = format, StorageKey = kept.Key, SizeBytes = kept.SizeBytes, Sha256 = kept.Sha256,
                    ContentType = kept.ContentType, FileName = FileName(report, format),
                });
            }

            (report.Status, report.FinishedAt) = (ReportStatus.Succeeded, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            job.Progress.Advance();
            logger.LogInformation("Report {ReportId} ({Kind}) generated: CSV {CsvBytes} bytes, PDF {PdfBytes} bytes", report.Id, report.Kind, csv.Length, pdf.Length);
        }
        catch (ReportUnavailableException unavailable)
        {
            await FailAsync(report.Id, unavailable.Message, stored);
            job.Progress.ItemFailed(report.Id.ToString(), unavailable.Message);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The job fails too (admins get JobFailed with the details); the requester sees a plain sentence.
            await FailAsync(report.Id, UnexpectedError, stored);
            throw;
        }
    }

    private async Task<ReportDocument> BuildAsync(ReportRow report, CancellationToken cancellationToken)
    {
        var portfolio = await db.Portfolios.AsNoTracking().SingleOrDefaultAsync(p => p.Id == report.PortfolioId, cancellationToken)
            ?? throw new ReportUnavailableException("The portfolio has been deleted since the report was requested.");
        var kind = (IReportKind)ActivatorUtilities.CreateInstance(services, ReportKinds.ByName[report.Kind]);
        return await kind.BuildAsync(new ReportContext(portfolio, report.From, report.To, clock.GetUtcNow(), report.ScenarioId), cancellationToken);
    }

    // Written apart from the tracked changes, which may be what failed.
    private async Task FailAsync(Guid reportId, string error, List<StoredDocument> stored)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow();
        error = error.Length > ReportRow.ErrorMaxLength ? error[..(ReportRow.ErrorMaxLength - 1)] + "…" : error;
        await db.Set<ReportRow>().Where(r => r.Id == reportId).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Status, ReportStatus.Failed).SetProperty(r => r.Error, error).SetProperty(r => r.FinishedAt, now), CancellationToken.None);
        foreach (var document in stored)
        {
            await store.DeleteAsync(document.Key, CancellationToken.None);
        }
    }

    private async Task RemoveEarlierFilesAsync(Guid reportId, CancellationToken cancellationToken)
    {
        var earlier = await db.Set<ReportFileRow>().Where(f => f.ReportId == reportId).ToListAsync(cancellationToken);
        foreach (var file in earlier)
        {
            await store.DeleteAsync(file.StorageKey, cancellationToken);
        }

        db.Set<ReportFileRow>().RemoveRange(earlier);
    }

    // Made of the kind's registered name and the report's id only: nothing a client typed.
    private static string FileName(ReportRow report, string format) => $"{report.Kind}-{report.Id:N}.{format}";
}
