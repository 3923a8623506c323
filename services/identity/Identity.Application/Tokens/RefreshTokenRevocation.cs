using System.Linq.Expressions;
using Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace Identity.Application.Tokens;

public static class RefreshTokenRevocation
{
    /// <summary>Revokes every still-valid token matching the filter in one statement.</summary>
    public static Task<int> RevokeAsync(
        this DbSet<RefreshToken> tokens, Expression<Func<RefreshToken, bool>> filter, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        tokens.Where(filter).Where(t => t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, reason), cancellationToken);
}
