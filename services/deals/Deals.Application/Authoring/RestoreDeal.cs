using Deals.Application.Persistence;
using Deals.Application.Queries;
using Deals.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Deals.Application.Authoring;

public sealed record RestoreDeal(Guid DealId) : IRequest<Result<DealView>>;

internal sealed class RestoreDealHandler(DealsDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<RestoreDeal, Result<DealView>>
{
    public async Task<Result<DealView>> Handle(RestoreDeal request, CancellationToken cancellationToken)
    {
        var actor = user.AsActor();
        if (!actor.IsSuccess)
        {
            return actor.Error!;
        }

        // The one place deleted deals are visible.
        var deal = await db.Deals.IgnoreQueryFilters().SingleOrDefaultAsync(d => d.Id == request.DealId, cancellationToken);
        if (deal is null)
        {
            return DealErrors.NotFound;
        }

        var restored = deal.Restore(actor.Value, clock.GetUtcNow());
        return restored.IsSuccess ? await db.SaveAsync(deal, cancellationToken) : restored.Error!;
    }
}
