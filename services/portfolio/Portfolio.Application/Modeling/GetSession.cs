using MediatR;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;

namespace Portfolio.Application.Modeling;

public sealed record GetSession(Guid SessionId) : IRequest<Result<SessionView>>;

internal sealed class GetSessionHandler(PortfolioDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<GetSession, Result<SessionView>>
{
    public async Task<Result<SessionView>> Handle(GetSession request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var session = await db.FindOwnSessionAsync(caller.Value, request.SessionId, clock.GetUtcNow(), cancellationToken);
        return session.IsSuccess ? SessionView.Of(session.Value) : session.Error!;
    }
}
