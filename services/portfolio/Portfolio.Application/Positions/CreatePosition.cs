using MediatR;
using Platform.SharedKernel;
using Portfolio.Application.Market;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Domain.Positions;

namespace Portfolio.Application.Positions;

public sealed record CreatePosition(Guid PortfolioId, PositionInput Input) : IRequest<Result<PositionView>>, IPositionInputRequest;

internal sealed class CreatePositionValidator(TimeProvider clock) : PositionInputValidator<CreatePosition>(clock);

internal sealed class CreatePositionHandler(PortfolioDb db, ICurrentUser user, InstrumentDirectory instruments, MarketDataSyncSignal sync) : IRequestHandler<CreatePosition, Result<PositionView>>
{
    public async Task<Result<PositionView>> Handle(CreatePosition request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var portfolio = await db.FindChangeableAsync(caller.Value, request.PortfolioId, cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio.Error!;
        }

        var terms = await db.FromInputAsync(instruments, portfolio.Value, request.Input, cancellationToken);
        if (!terms.IsSuccess)
        {
            return terms.Error!;
        }

        var position = Position.Open(portfolio.Value, terms.Value);
        db.Positions.Add(position);
        await db.SaveChangesAsync(cancellationToken);
        sync.Ring();
        return PositionView.Of(position);
    }
}
