using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.Persistence;
using Platform.SharedKernel;
using Portfolio.Application.Modeling;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;

namespace Portfolio.Application.Exports;

/// <summary>The caller's export history, newest first.</summary>
public sealed record ListExports(int Page, int PageSize) : IRequest<Result<PagedList<ExportView>>>, IOwnPageRequest;

internal sealed class ListExportsValidator : OwnPageValidator<ListExports>;

internal sealed class ListExportsHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<ListExports, Result<PagedList<ExportView>>>
{
    public async Task<Result<PagedList<ExportView>>> Handle(ListExports request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        return await db.Set<TradeExportRow>().AsNoTracking().Where(e => e.OwnerId == caller.Value.UserId)
            .OrderByDescending(e => e.CreatedAt).ThenBy(e => e.Id).ToPagedListAsync(request.Page, request.PageSize, ExportView.Of, cancellationToken);
    }
}
