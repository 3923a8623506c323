using MediatR;
using Microsoft.Extensions.Options;
using Platform.SharedKernel;
using Portfolio.Application.Market;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Modeling;

/// <summary>Adds a hypothetical trade; <paramref name="ExpectedVersion"/> is the client's If-Match on the session.</summary>
public sealed record AddTrade(Guid SessionId, uint? ExpectedVersion, TradeInput Input) : IRequest<Result<SessionView>>, ITradeInputRequest;

internal sealed class AddTradeValidator : TradeInputValidator<AddTrade>;

internal sealed class AddTradeHandler(PortfolioDb db, ICurrentUser user, InstrumentDirectory instruments, IOptions<ModelingOptions> options, TimeProvider clock)
    : IRequestHandler<AddTrade, Result<SessionView>>
{
    public Task<Result<SessionView>> Handle(AddTrade request, CancellationToken cancellationToken)
    {
        var (input, now) = (request.Input, clock.GetUtcNow());
        return db.ChangeTradesAsync(user, instruments, request.SessionId, request.ExpectedVersion, input.Symbol, now,
            (session, symbol) => session.AddTrade(symbol, input.SignedQuantity, input.Price, now, options.Value.IdleTimeout), cancellationToken);
    }
}
