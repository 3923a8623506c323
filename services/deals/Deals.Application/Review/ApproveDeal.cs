using Deals.Application.Deals;
using Deals.Application.Persistence;
using MediatR;
using Platform.SharedKernel;

namespace Deals.Application.Review;

public sealed record ApproveDeal(Guid DealId, string? Comment, uint? ExpectedVersion) : IRequest<Result<DealView>>;

internal sealed class ApproveDealHandler(DealsDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<ApproveDeal, Result<DealView>>
{
    public async Task<Result<DealView>> Handle(ApproveDeal request, CancellationToken cancellationToken)
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

        var approved = deal.Value.Approve(reviewer.Value, request.Comment, clock.GetUtcNow());
        return approved.IsSuccess ? await db.SaveAsync(deal.Value, cancellationToken) : approved.Error!;
    }
}
