using Deals.Application.Persistence;
using Deals.Application.Queries;
using Deals.Application.Tickers;
using MediatR;
using Platform.SharedKernel;

namespace Deals.Application.Authoring;

/// <summary>Replaces a deal's terms. The endpoint requires If-Match; null here means the client sent <c>*</c>.</summary>
public sealed record UpdateDeal(Guid DealId, uint? ExpectedVersion, DealInput Input) : IRequest<Result<DealView>>;

internal sealed class UpdateDealHandler(DealsDb db, ICurrentUser user, TimeProvider clock, TickerVerification tickers) : IRequestHandler<UpdateDeal, Result<DealView>>
{
    public Task<Result<DealView>> Handle(UpdateDeal request, CancellationToken cancellationToken) =>
        db.ChangeAsync(user, request.DealId, request.ExpectedVersion, (deal, actor) =>
        {
            var terms = request.Input.ToTerms();
            return terms.IsSuccess ? deal.Update(terms.Value, actor, clock.GetUtcNow()) : terms.Error!;
        }, cancellationToken, tickers);
}
