using Deals.Application.Deals;
using Deals.Application.Persistence;
using MediatR;
using Platform.SharedKernel;

namespace Deals.Application.Review;

public sealed record RejectDeal(Guid DealId, string? Comment, uint? ExpectedVersion) : IRequest<Result<DealView>>;

internal sealed class RejectDealHandler(DealsDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<RejectDeal, Result<DealView>>
{
    public async Task<Result<DealView>> Handle(RejectDeal request, CancellationToken cancellationToken)
    {
        var reviewer = user.AsActor();
        if (!reviewer.IsSuccess)
        {
            return reviewer.Error!;
        }

        var deal = await db.LoadForChangeAsync(request.DealId, request.ExpectedVersion, cancellationToken);
        if (!deal.IsSuccess)
        {
            return deal.Error!;
        }

        var rejected = deal.Value.Reject(reviewer.Value, request.Comment, clock.GetUtcNow());
        return rejected.IsSuccess ? await db.SaveAsync(deal.Value, cancellationToken) : rejected.Error!;
    }
}
