using Deals.Application.Persistence;
using MediatR;
using Platform.SharedKernel;

namespace Deals.Application.Deals;

/// <summary>Replaces a deal's terms. The endpoint requires If-Match; null here means the client sent <c>*</c>.</summary>
public sealed record UpdateDeal(Guid DealId, uint? ExpectedVersion, DealInput Input) : IRequest<Result<DealView>>;

internal sealed class UpdateDealHandler(DealsDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<UpdateDeal, Result<DealView>>
{
    public async Task<Result<DealView>> Handle(UpdateDeal request, CancellationToken cancellationToken)
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

        var terms = request.Input.ToTerms();
        if (!terms.IsSuccess)
        {
            return terms.Error!;
        }

        var updated = deal.Value.Update(terms.Value, actor.Value, clock.GetUtcNow());
        return updated.IsSuccess ? await db.SaveAsync(deal.Value, cancellationToken) : updated.Error!;
    }
}
