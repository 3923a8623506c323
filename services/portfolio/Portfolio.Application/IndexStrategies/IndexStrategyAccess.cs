using Microsoft.EntityFrameworkCore;
using Platform.Persistence;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Domain.IndexStrategies;

namespace Portfolio.Application.IndexStrategies;

/// <summary>
/// The one way a use case reaches an index strategy: only its owner sees it; anyone else's is "not found"
/// (admins and risk managers included: a definition is its author's working material, not a book to supervise).
/// </summary>
internal static class IndexStrategyAccess
{
    /// <summary>The signed-in user's own definitions (service clients own none).</summary>
    public static Result<IQueryable<IndexStrategy>> OwnedBy(this PortfolioDb db, ICurrentUser user, bool tracked = false)
    {
        var caller = user.AsCaller();
        var all = tracked ? db.Set<IndexStrategy>() : db.Set<IndexStrategy>().AsNoTracking();
        return caller.IsSuccess ? Result<IQueryable<IndexStrategy>>.Ok(all.Where(s => s.OwnerId == caller.Value.UserId)) : caller.Error!;
    }

    public static async Task<Result<IndexStrategy>> FindOwnedAsync(this PortfolioDb db, ICurrentUser user, Guid id, CancellationToken cancellationToken, bool tracked = false)
    {
        var owned = db.OwnedBy(user, tracked);
        if (!owned.IsSuccess)
        {
            return owned.Error!;
        }

        return await owned.Value.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is { } strategy ? strategy : IndexStrategyErrors.NotFound;
    }

    /// <summary>Saves; a write between our read and this save is stale (412), a name the owner already uses is 409.</summary>
    public static async Task<Result> SaveStrategyAsync(this PortfolioDb db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
        catch (DbUpdateConcurrencyException)
        {
            return IndexStrategyErrors.Stale;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return IndexStrategyErrors.DuplicateName;
        }
    }
}
