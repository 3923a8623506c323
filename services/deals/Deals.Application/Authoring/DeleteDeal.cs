using Deals.Application.Persistence;
using MediatR;
using Platform.SharedKernel;

namespace Deals.Application.Authoring;

/// <summary>Soft delete: the row and its history stay, every read treats it as gone until an admin restores it.</summary>
public sealed record DeleteDeal(Guid DealId, uint? ExpectedVersion) : IRequest<Result>;

internal sealed class DeleteDealHandler(DealsDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<DeleteDeal, Result>
{
    public async Task<Result> Handle(DeleteDeal request, CancellationToken cancellationToken)
    {
        var deleted = await db.ChangeAsync(user, request.DealId, request.ExpectedVersion,
            (deal, actor) => deal.Delete(actor, clock.GetUtcNow()), cancellationToken);
        return deleted.IsSuccess ? Result.Ok() : deleted.Error!;
    }
}
