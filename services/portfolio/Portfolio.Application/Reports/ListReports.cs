using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Application;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;

namespace Portfolio.Application.Reports;

/// <summary>The caller's own reports, newest first.</summary>
public sealed record ListReports(int Page, int PageSize) : IRequest<Result<PagedList<ReportView>>>;

internal sealed class ListReportsValidator : AbstractValidator<ListReports>
{
    public ListReportsValidator()
    {
        RuleFor(r => r.Page).ValidPage();
        RuleFor(r => r.PageSize).ValidPageSize();
    }
}

internal sealed class ListReportsHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<ListReports, Result<PagedList<ReportView>>>
{
    public async Task<Result<PagedList<ReportView>>> Handle(ListReports request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var query = db.Set<ReportRow>().AsNoTracking().Where(r => r.RequestedBy == caller.Value.UserId);
        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).TakePage(request.Page, request.PageSize).ToListAsync(cancellationToken);
        return new PagedList<ReportView>(await db.ViewsAsync(rows, cancellationToken), request.Page, request.PageSize, total);
    }
}
