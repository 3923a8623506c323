using Deals.Application.Deals;
using Deals.Application.Persistence;
using MediatR;
using Platform.SharedKernel;

namespace Deals.Application.Review;

public sealed record SubmitDeal(Guid DealId, uint? ExpectedVersion) : IRequest<Result<DealView>>;

internal sealed class SubmitDealHandler(DealsDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<SubmitDeal, Result<DealView>>
{
    public async Task<Result<DealView>> Handle(SubmitDeal request, CancellationToken cancellationToken)
    {
        var actor = user.AsActor();
        if (!actor.IsSuccess)
        {
            return actor.Error!;
        }

        var deal = await db.LoadForChangeAsync(request.DealId, request.ExpectedVersion, cancellationToken);
        if (!deal.IsSuccess)
        {
            return deal.Error!;
        }

        var submitted = deal.Value.Submit(actor.Value, clock.GetUtcNow());
        return submitted.IsSuccess ? await db.SaveAsync(deal.Value, cancellationToken) : submitted.Error!;
    }
}
