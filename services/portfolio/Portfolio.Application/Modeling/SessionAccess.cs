using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Domain.Modeling;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Modeling;

/// <summary>
/// The one way a use case reaches a session: only its creator's, and only while it has not expired. Anyone
/// else (admins and risk managers included) and an expired session get the same 404: a session is private
/// scratch work, and an expired one is as good as removed whether or not the cleanup has run yet.
/// </summary>
internal static class SessionAccess
{
    public static async Task<Result<ModelingSession>> FindOwnSessionAsync(
        this PortfolioDb db, Caller caller, Guid sessionId, DateTimeOffset now, CancellationToken cancellationToken, bool tracked = false)
    {
        var query = tracked ? db.Set<ModelingSession>() : db.Set<ModelingSession>().AsNoTracking();
        var session = await query.SingleOrDefaultAsync(s => s.Id == sessionId && s.OwnerId == caller.UserId, cancellationToken);
        return session is not null && !session.IsExpired(now) ? session : ModelingErrors.SessionNotFound;
    }

    /// <summary>For changes: the signed-in caller's own live session, tracked, at the version the client read (If-Match).</summary>
    public static async Task<Result<ModelingSession>> FindChangeableSessionAsync(
        this PortfolioDb db, ICurrentUser user, Guid sessionId, uint? expectedVersion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var session = await db.FindOwnSessionAsync(caller.Value, sessionId, now, cancellationToken, tracked: true);
        if (session.IsSuccess && expectedVersion is { } version && version != session.Value.Version)
        {
            return ModelingErrors.Stale;
        }

        return session;
    }

    /// <summary>Saves; a change that landed between our read and this save makes it stale (412).</summary>
    public static async Task<Result<SessionView>> SaveSessionAsync(this PortfolioDb db, ModelingSession session, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return SessionView.Of(session);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ModelingErrors.Stale;
        }
    }
}
