using Deals.Application.Persistence;
using Deals.Application.Queries;
using Deals.Application.Tickers;
using Deals.Domain;
using MediatR;
using Platform.SharedKernel;

namespace Deals.Application.Authoring;

public sealed record CreateDeal(DealInput Input) : IRequest<Result<DealView>>;

internal sealed class CreateDealHandler(DealsDb db, ICurrentUser user, TimeProvider clock, TickerVerification tickers) : IRequestHandler<CreateDeal, Result<DealView>>
{
    public async Task<Result<DealView>> Handle(CreateDeal request, CancellationToken cancellationToken)
    {
        var actor = user.AsActor();
        if (!actor.IsSuccess)
        {
            return actor.Error!;
        }

        var terms = request.Input.ToTerms();
        if (!terms.IsSuccess)
        {
            return terms.Error!;
        }

        var created = Deal.Create(terms.Value, actor.Value, clock.GetUtcNow());
        if (!created.IsSuccess)
        {
            return created.Error!;
        }

        var verified = await tickers.VerifyChangedAsync(created.Value, previousTarget: null, previousAcquirer: null, cancellationToken);
        if (!verified.IsSuccess)
        {
            return verified.Error!;
        }

        db.Deals.Add(created.Value);
        return await db.SaveAsync(created.Value, cancellationToken);
    }
}
