using MediatR;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Reports;

/// <summary>One of the caller's reports: status, progress, timestamps, error, files.</summary>
public sealed record GetReport(Guid ReportId) : IRequest<Result<ReportView>>;

internal sealed class GetReportHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<GetReport, Result<ReportView>>
{
    public async Task<Result<ReportView>> Handle(GetReport request, CancellationToken cancellationToken)
    {
        var report = await db.FindOwnAsync(user, request.ReportId, cancellationToken);
        return report.IsSuccess ? (await db.ViewsAsync([report.Value], cancellationToken))[0] : report.Error!;
    }
}
