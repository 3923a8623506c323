using Microsoft.EntityFrameworkCore;
using Platform.Persistence;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Domain.Portfolios;
using Portfolio.Domain.Positions;

namespace Portfolio.Application.Strategies;

/// <summary>
/// What the strategy use cases share. A portfolio's strategies follow the portfolio's rules:
/// readable where it is, changed by whoever may change it.
/// </summary>
internal static class StrategyStore
{
    public static async Task<Result<InvestmentPortfolio>> FindChangeableAsync(this PortfolioDb db, ICurrentUser user, Guid portfolioId, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        return caller.IsSuccess ? await db.FindChangeableAsync(caller.Value, portfolioId, cancellationToken) : caller.Error!;
    }

    public static Task<PositionStrategy?> FindStrategyAsync(this PortfolioDb db, Guid portfolioId, Guid strategyId, CancellationToken cancellationToken) =>
        db.Strategies.SingleOrDefaultAsync(s => s.Id == strategyId && s.PortfolioId == portfolioId, cancellationToken);

    /// <summary>Saves, turning the (portfolio, name) unique index into the duplicate-strategy conflict.</summary>
    public static async Task<Result<StrategyView>> SaveStrategyAsync(this PortfolioDb db, PositionStrategy strategy, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return PortfolioErrors.DuplicateStrategy;
        }

        var members = await db.Positions.AsNoTracking().Where(p => p.StrategyId == strategy.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        return StrategyView.Of(strategy, members);
    }
}
