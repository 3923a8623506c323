using MediatR;
using Microsoft.Extensions.Options;
using Platform.SharedKernel;
using Portfolio.Application.Market;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Modeling;

/// <summary>Replaces one trade of the session (symbol, quantity, price); If-Match on the session.</summary>
public sealed record ChangeTrade(Guid SessionId, Guid TradeId, uint? ExpectedVersion, TradeInput Input) : IRequest<Result<SessionView>>, ITradeInputRequest;

internal sealed class ChangeTradeValidator : TradeInputValidator<ChangeTrade>;

internal sealed class ChangeTradeHandler(PortfolioDb db, ICurrentUser user, InstrumentDirectory instruments, IOptions<ModelingOptions> options, TimeProvider clock)
    : IRequestHandler<ChangeTrade, Result<SessionView>>
{
    public Task<Result<SessionView>> Handle(ChangeTrade request, CancellationToken cancellationToken)
    {
        var (input, now) = (request.Input, clock.GetUtcNow());
        return db.ChangeTradesAsync(user, instruments, request.SessionId, request.ExpectedVersion, input.Symbol, now,
            (session, symbol) => session.ChangeTrade(request.TradeId, symbol, input.SignedQuantity, input.Price, now, options.Value.IdleTimeout), cancellationToken);
    }
}
