using Deals.Application.Authoring;
using Deals.Application.Persistence;
using Deals.Application.Queries;
using MediatR;
using Platform.SharedKernel;

namespace Deals.Application.Review;

public sealed record SubmitDeal(Guid DealId, uint? ExpectedVersion) : IRequest<Result<DealView>>;

internal sealed class SubmitDealHandler(DealsDb db, ICurrentUser user, TimeProvider clock, DealsMetrics metrics) : IRequestHandler<SubmitDeal, Result<DealView>>
{
    public async Task<Result<DealView>> Handle(SubmitDeal request, CancellationToken cancellationToken)
    {
        var result = await db.ChangeAsync(user, request.DealId, request.ExpectedVersion, (deal, actor) => deal.Submit(actor, clock.GetUtcNow()), cancellationToken);
        if (result.IsSuccess)
        {
            metrics.Submitted();
        }

        return result;
    }
}
