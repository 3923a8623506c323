using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;
using Portfolio.Application.Market;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Positions;

/// <summary>Replaces the position's terms; <paramref name="ExpectedVersion"/> is the client's If-Match.</summary>
public sealed record UpdatePosition(Guid PositionId, uint? ExpectedVersion, PositionInput Input) : IRequest<Result<PositionView>>, IPositionInputRequest;

internal sealed class UpdatePositionValidator(TimeProvider clock) : PositionInputValidator<UpdatePosition>(clock);

internal sealed class UpdatePositionHandler(PortfolioDb db, ICurrentUser user, InstrumentDirectory instruments, MarketDataSyncSignal sync) : IRequestHandler<UpdatePosition, Result<PositionView>>
{
    public async Task<Result<PositionView>> Handle(UpdatePosition request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var position = await db.FindPositionAsync(caller.Value, request.PositionId, forChange: true, cancellationToken);
        if (!position.IsSuccess)
        {
            return position.Error!;
        }

        if (request.ExpectedVersion is { } version && version != position.Value.Version)
        {
            return PortfolioErrors.Stale;
        }

        var portfolio = await db.Portfolios.AsNoTracking().SingleAsync(p => p.Id == position.Value.PortfolioId, cancellationToken);
        var terms = await db.FromInputAsync(instruments, portfolio, request.Input, cancellationToken);
        if (!terms.IsSuccess)
        {
            return terms.Error!;
        }

        var changed = position.Value.Change(caller.Value, terms.Value);
        if (!changed.IsSuccess)
        {
            return changed.Error!;
        }

        var saved = await db.SaveOrStaleAsync(cancellationToken);
        sync.Ring();
        return saved.IsSuccess ? PositionView.Of(position.Value) : saved.Error!;
    }
}
