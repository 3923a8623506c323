using Deals.Application.Persistence;
using Deals.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Deals.Application.Deals;

/// <summary>Every deal in which the ticker is the target or the acquirer, latest announcement first.</summary>
public sealed record GetDealsByTicker(string Ticker) : IRequest<Result<PagedList<DealView>>>;

internal sealed class GetDealsByTickerValidator : AbstractValidator<GetDealsByTicker>
{
    public GetDealsByTickerValidator() =>
        RuleFor(r => r.Ticker).Must(ticker => DealRules.IsTicker(ticker.Trim().ToUpperInvariant()))
            .WithMessage("Must be a ticker of 1-6 letters or digits, optionally with a class suffix such as BRK.B or RDS-A.");
}

internal sealed class GetDealsByTickerHandler(DealsDb db) : IRequestHandler<GetDealsByTicker, Result<PagedList<DealView>>>
{
    public async Task<Result<PagedList<DealView>>> Handle(GetDealsByTicker request, CancellationToken cancellationToken)
    {
        var ticker = request.Ticker.Trim().ToUpperInvariant();
        var deals = await db.Deals.AsNoTracking()
            .Where(d => d.TargetTicker == ticker || d.AcquirerTicker == ticker)
            .OrderByDescending(d => d.AnnouncedOn).ThenBy(d => d.Id)
            .Take(Paging.MaxPageSize)
            .Select(DealView.Projection)
            .ToListAsync(cancellationToken);
        return new PagedList<DealView>(deals, 1, Paging.MaxPageSize, deals.Count);
    }
}
