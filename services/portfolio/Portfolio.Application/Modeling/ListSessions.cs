using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.Persistence;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Domain.Modeling;

namespace Portfolio.Application.Modeling;

/// <summary>The caller's live sessions, newest first; nobody lists anyone else's.</summary>
public sealed record ListSessions(int Page, int PageSize) : IRequest<Result<PagedList<SessionView>>>, IOwnPageRequest;

internal sealed class ListSessionsValidator : OwnPageValidator<ListSessions>;

internal sealed class ListSessionsHandler(PortfolioDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<ListSessions, Result<PagedList<SessionView>>>
{
    public async Task<Result<PagedList<SessionView>>> Handle(ListSessions request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var now = clock.GetUtcNow();
        return await db.Set<ModelingSession>().AsNoTracking().Where(s => s.OwnerId == caller.Value.UserId && s.ExpiresAt > now)
            .OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id).ToPagedListAsync(request.Page, request.PageSize, SessionView.Of, cancellationToken);
    }
}
