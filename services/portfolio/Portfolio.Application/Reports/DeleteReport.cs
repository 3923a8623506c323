using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;
using Platform.Storage;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Reports;

/// <summary>Deletes one of the caller's finished reports and its files (409 while it is being generated).</summary>
public sealed record DeleteReport(Guid ReportId) : IRequest<Result>;

internal sealed class DeleteReportHandler(PortfolioDb db, ICurrentUser user, IDocumentStore store) : IRequestHandler<DeleteReport, Result>
{
    public async Task<Result> Handle(DeleteReport request, CancellationToken cancellationToken)
    {
        var report = await db.FindOwnAsync(user, request.ReportId, cancellationToken, tracked: true);
        if (!report.IsSuccess)
        {
            return report.Error!;
        }

        if ((await db.ViewsAsync([report.Value], cancellationToken))[0].Status is not (ReportStatus.Succeeded or ReportStatus.Failed))
        {
            return ReportErrors.StillRunning;
        }

        var files = await db.Set<ReportFileRow>().Where(f => f.ReportId == report.Value.Id).ToListAsync(cancellationToken);
        db.Set<ReportFileRow>().RemoveRange(files);
        db.Set<ReportRow>().Remove(report.Value);
        await db.SaveChangesAsync(cancellationToken);
        // After the rows are gone: a store failure leaves an orphan file no key names, never a row without its file.
        foreach (var file in files)
        {
            await store.DeleteAsync(file.StorageKey, cancellationToken);
        }

        return Result.Ok();
    }
}
