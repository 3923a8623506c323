using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;
using Platform.Storage;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Reports;

/// <summary>An open report file; the endpoint streams and disposes <see cref="Content"/>.</summary>
public sealed record ReportDownload(Stream Content, string ContentType, string FileName, long SizeBytes);

/// <summary>One file of one of the caller's reports, once it has succeeded (409 before).</summary>
public sealed record DownloadReport(Guid ReportId, string? Format) : IRequest<Result<ReportDownload>>;

internal sealed class DownloadReportValidator : AbstractValidator<DownloadReport>
{
    public static readonly string[] Formats = ["csv", "pdf"];

    public DownloadReportValidator() =>
        RuleFor(r => r.Format).Must(f => f is not null && Formats.Contains(f, StringComparer.Ordinal))
            .WithMessage("Must be csv or pdf.").OverridePropertyName("format");
}

internal sealed class DownloadReportHandler(PortfolioDb db, ICurrentUser user, IDocumentStore store) : IRequestHandler<DownloadReport, Result<ReportDownload>>
{
    public async Task<Result<ReportDownload>> Handle(DownloadReport request, CancellationToken cancellationToken)
    {
        var report = await db.FindOwnAsync(user, request.ReportId, cancellationToken);
        if (!report.IsSuccess)
        {
            return report.Error!;
        }

        var status = (await db.ViewsAsync([report.Value], cancellationToken))[0].Status;
        if (status != ReportStatus.Succeeded)
        {
            return status == ReportStatus.Failed ? ReportErrors.Failed : ReportErrors.NotReady;
        }

        var file = await db.Set<ReportFileRow>().AsNoTracking().SingleOrDefaultAsync(f => f.ReportId == report.Value.Id && f.Format == request.Format, cancellationToken);
        if (file is null)
        {
            return ReportErrors.FileMissing;
        }

        try
        {
            return await store.OpenReadAsync(file.StorageKey, cancellationToken) is { } content
                ? new ReportDownload(content, file.ContentType, file.FileName, file.SizeBytes)
                : ReportErrors.FileMissing;
        }
        catch (InvalidDocumentKeyException)
        {
            return ReportErrors.FileMissing;
        }
    }
}
