using Deals.Application.Persistence;
using Deals.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Deals.Application.Queries;

public sealed record GetDeal(Guid DealId) : IRequest<Result<DealView>>;

internal sealed class GetDealHandler(DealsDb db) : IRequestHandler<GetDeal, Result<DealView>>
{
    public async Task<Result<DealView>> Handle(GetDeal request, CancellationToken cancellationToken) =>
        await db.Deals.AsNoTracking().Where(d => d.Id == request.DealId).ToViews(db).SingleOrDefaultAsync(cancellationToken)
            is { } view
            ? view
            : DealErrors.NotFound;
}
