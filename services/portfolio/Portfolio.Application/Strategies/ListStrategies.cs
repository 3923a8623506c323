using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;

namespace Portfolio.Application.Strategies;

public sealed record ListStrategies(Guid PortfolioId) : IRequest<Result<IReadOnlyList<StrategyView>>>;

internal sealed class ListStrategiesHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<ListStrategies, Result<IReadOnlyList<StrategyView>>>
{
    public async Task<Result<IReadOnlyList<StrategyView>>> Handle(ListStrategies request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var portfolio = await db.FindReadableAsync(caller.Value, request.PortfolioId, cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio.Error!;
        }

        var strategies = await db.Strategies.AsNoTracking().Where(s => s.PortfolioId == request.PortfolioId).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var members = await db.Positions.AsNoTracking().Where(p => p.PortfolioId == request.PortfolioId && p.StrategyId != null)
            .Select(p => new { p.Id, StrategyId = p.StrategyId!.Value }).ToListAsync(cancellationToken);
        var byStrategy = members.ToLookup(m => m.StrategyId, m => m.Id);
        return Result<IReadOnlyList<StrategyView>>.Ok([.. strategies.Select(s => StrategyView.Of(s, [.. byStrategy[s.Id]]))]);
    }
}
