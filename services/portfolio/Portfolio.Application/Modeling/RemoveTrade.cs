using MediatR;
using Microsoft.Extensions.Options;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Modeling;

/// <summary>Removes one trade of the session; If-Match on the session.</summary>
public sealed record RemoveTrade(Guid SessionId, Guid TradeId, uint? ExpectedVersion) : IRequest<Result<SessionView>>;

internal sealed class RemoveTradeHandler(PortfolioDb db, ICurrentUser user, IOptions<ModelingOptions> options, TimeProvider clock)
    : IRequestHandler<RemoveTrade, Result<SessionView>>
{
    public async Task<Result<SessionView>> Handle(RemoveTrade request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var session = await db.FindChangeableSessionAsync(user, request.SessionId, request.ExpectedVersion, now, cancellationToken);
        if (!session.IsSuccess)
        {
            return session.Error!;
        }

        var removed = session.Value.RemoveTrade(request.TradeId, now, options.Value.IdleTimeout);
        return removed.IsSuccess ? await db.SaveSessionAsync(session.Value, cancellationToken) : removed.Error!;
    }
}
