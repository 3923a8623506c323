using Deals.Application.Persistence;
using MediatR;
using Platform.SharedKernel;

namespace Deals.Application.Deals;

/// <summary>Soft delete: the row and its history stay, every read treats it as gone until an admin restores it.</summary>
public sealed record DeleteDeal(Guid DealId, uint? ExpectedVersion) : IRequest<Result>;

internal sealed class DeleteDealHandler(DealsDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<DeleteDeal, Result>
{
    public async Task<Result> Handle(DeleteDeal request, CancellationToken cancellationToken)
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

        var deleted = deal.Value.Delete(actor.Value, clock.GetUtcNow());
        if (!deleted.IsSuccess)
        {
            return deleted;
        }

        var saved = await db.SaveAsync(deal.Value, cancellationToken);
        return saved.IsSuccess ? Result.Ok() : saved.Error!;
    }
}
