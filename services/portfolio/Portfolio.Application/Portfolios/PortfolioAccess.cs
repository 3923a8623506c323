using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Portfolios;

/// <summary>
/// The one way a use case reaches a portfolio: a portfolio the caller may not read is "not found",
/// never "forbidden" (its existence is nobody else's business); one they may read but not change
/// (a risk manager looking at someone else's) is "forbidden" on change.
/// </summary>
internal static class PortfolioAccess
{
    public static IQueryable<InvestmentPortfolio> ReadableBy(this IQueryable<InvestmentPortfolio> portfolios, Caller caller) =>
        caller.ReadsAll ? portfolios : portfolios.Where(p => p.OwnerId == caller.UserId);

    public static async Task<Result<InvestmentPortfolio>> FindReadableAsync(
        this PortfolioDb db, Caller caller, Guid portfolioId, CancellationToken cancellationToken, bool tracked = false)
    {
        var query = tracked ? db.Portfolios : db.Portfolios.AsNoTracking();
        return await query.ReadableBy(caller).SingleOrDefaultAsync(p => p.Id == portfolioId, cancellationToken) is { } portfolio
            ? portfolio
            : PortfolioErrors.NotFound;
    }

    /// <summary>For read-only use cases: the signed-in caller, then the portfolio if they may read it.</summary>
    public static async Task<Result<InvestmentPortfolio>> FindReadableAsync(this PortfolioDb db, ICurrentUser user, Guid portfolioId, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        return caller.IsSuccess ? await db.FindReadableAsync(caller.Value, portfolioId, cancellationToken) : caller.Error!;
    }

    public static async Task<Result<InvestmentPortfolio>> FindChangeableAsync(
        this PortfolioDb db, Caller caller, Guid portfolioId, CancellationToken cancellationToken)
    {
        var found = await db.FindReadableAsync(caller, portfolioId, cancellationToken, tracked: true);
        if (!found.IsSuccess)
        {
            return found;
        }

        return caller.MayChange(found.Value.OwnerId) ? found : PortfolioErrors.NotOwner;
    }

    /// <summary>Saves; a write that landed between our read and this save makes it stale (412), never a silent overwrite.</summary>
    public static async Task<Result> SaveOrStaleAsync(this PortfolioDb db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        }
        catch (DbUpdateConcurrencyException)
        {
            return PortfolioErrors.Stale;
        }
    }
}
