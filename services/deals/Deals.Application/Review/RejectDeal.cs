using Deals.Application.Authoring;
using Deals.Application.Persistence;
using Deals.Application.Queries;
using MediatR;
using Platform.SharedKernel;

namespace Deals.Application.Review;

/// <summary>A reviewer's decision on the version they read: the endpoint requires If-Match naming it.</summary>
public sealed record RejectDeal(Guid DealId, string? Comment, uint ExpectedVersion) : IRequest<Result<DealView>>;

internal sealed class RejectDealHandler(DealsDb db, ICurrentUser user, TimeProvider clock, DealsMetrics metrics) : IRequestHandler<RejectDeal, Result<DealView>>
{
    public async Task<Result<DealView>> Handle(RejectDeal request, CancellationToken cancellationToken)
    {
        var result = await db.ChangeAsync(user, request.DealId, request.ExpectedVersion, (deal, actor) => deal.Reject(actor, request.Comment, clock.GetUtcNow()), cancellationToken);
        if (result.IsSuccess)
        {
            metrics.Rejected();
        }

        return result;
    }
}
