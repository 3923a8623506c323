using MediatR;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Domain.Modeling;

namespace Portfolio.Application.Modeling;

/// <summary>Deletes the session for good (its saved scenarios stay); If-Match is honoured when sent.</summary>
public sealed record DiscardSession(Guid SessionId, uint? ExpectedVersion) : IRequest<Result>;

internal sealed class DiscardSessionHandler(PortfolioDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<DiscardSession, Result>
{
    public async Task<Result> Handle(DiscardSession request, CancellationToken cancellationToken)
    {
        var session = await db.FindChangeableSessionAsync(user, request.SessionId, request.ExpectedVersion, clock.GetUtcNow(), cancellationToken);
        if (!session.IsSuccess)
        {
            return session.Error!;
        }

        db.Set<ModelingSession>().Remove(session.Value);
        var saved = await db.SaveSessionAsync(session.Value, cancellationToken);
        return saved.IsSuccess ? Result.Ok() : saved.Error!;
    }
}
