using Deals.Application.Deals;
using Deals.Application.Persistence;
using MediatR;
using Platform.SharedKernel;

namespace Deals.Application.Review;

public sealed record SubmitDeal(Guid DealId, uint? ExpectedVersion) : IRequest<Result<DealView>>;

internal sealed class SubmitDealHandler(DealsDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<SubmitDeal, Result<DealView>>
{
    public Task<Result<DealView>> Handle(SubmitDeal request, CancellationToken cancellationToken) =>
        db.ChangeAsync(user, request.DealId, request.ExpectedVersion, (deal, actor) => deal.Submit(actor, clock.GetUtcNow()), cancellationToken);
}
