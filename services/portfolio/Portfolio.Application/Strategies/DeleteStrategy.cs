using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Strategies;

/// <summary>The positions stay; they are no longer grouped.</summary>
public sealed record DeleteStrategy(Guid PortfolioId, Guid StrategyId) : IRequest<Result>;

internal sealed class DeleteStrategyHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<DeleteStrategy, Result>
{
    public async Task<Result> Handle(DeleteStrategy request, CancellationToken cancellationToken)
    {
        var portfolio = await db.FindChangeableAsync(user, request.PortfolioId, cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio.Error!;
        }

        if (await db.FindStrategyAsync(request.PortfolioId, request.StrategyId, cancellationToken) is not { } strategy)
        {
            return PortfolioErrors.StrategyNotFound;
        }

        // Ungrouping and removal together: a failure between them must not leave positions ungrouped under a strategy that stays.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Soft-deleted positions too: the foreign key would otherwise keep the strategy alive.
        await db.Positions.IgnoreQueryFilters().Where(p => p.StrategyId == strategy.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.StrategyId, (Guid?)null), cancellationToken);
        db.Strategies.Remove(strategy);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
