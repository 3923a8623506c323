using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;

namespace Portfolio.Application.Modeling;

/// <summary>A row only its owner ever reads (saved scenarios, exports).</summary>
public interface IOwnedRow
{
    Guid Id { get; }
    Guid OwnerId { get; }
}

internal static class OwnRows
{
    /// <summary>The signed-in caller's row with this id; anyone else's, admins' included, is <paramref name="notFound"/>.</summary>
    public static async Task<Result<T>> FindOwnAsync<T>(this PortfolioDb db, ICurrentUser user, Guid id, Error notFound, CancellationToken cancellationToken)
        where T : class, IOwnedRow
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var row = await db.Set<T>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.OwnerId == caller.Value.UserId, cancellationToken);
        return row is null ? notFound : row;
    }
}
