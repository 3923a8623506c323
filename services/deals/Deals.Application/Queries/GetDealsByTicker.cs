using Deals.Application.Csv;
using Deals.Application.Persistence;
using Deals.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Application;
using Platform.SharedKernel;

namespace Deals.Application.Queries;

/// <summary>Every deal in which the ticker is the target or the acquirer, latest announcement first.</summary>
public sealed record GetDealsByTicker(string Ticker, int Page = 1, int PageSize = Paging.DefaultPageSize) : IRequest<Result<PagedList<DealView>>>;

internal sealed class GetDealsByTickerValidator : AbstractValidator<GetDealsByTicker>
{
    public GetDealsByTickerValidator()
    {
        RuleFor(r => r.Ticker).Must(ticker => DealRules.IsTicker(ticker.Trim().ToUpperInvariant()))
            .WithMessage("Must be a ticker of 1-6 letters or digits, optionally with a class suffix such as BRK.B or RDS-A.");
        RuleFor(r => r.Page).ValidPage();
        RuleFor(r => r.PageSize).ValidPageSize();
    }
}

internal sealed class GetDealsByTickerHandler(DealsDb db) : IRequestHandler<GetDealsByTicker, Result<PagedList<DealView>>>
{
    public async Task<Result<PagedList<DealView>>> Handle(GetDealsByTicker request, CancellationToken cancellationToken)
    {
        var ticker = request.Ticker.Trim().ToUpperInvariant();
        var deals = db.Deals.AsNoTracking().Where(d => d.TargetTicker == ticker || d.AcquirerTicker == ticker);
        var total = await deals.LongCountAsync(cancellationToken);
        var page = await deals
            .OrderByDescending(d => d.AnnouncedOn).ThenBy(d => d.Id)
            .TakePage(request.Page, request.PageSize)
            .ToViews(db)
            .ToListAsync(cancellationToken);
        return new PagedList<DealView>(page, request.Page, request.PageSize, total);
    }
}
