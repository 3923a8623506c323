using MediatR;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.IndexStrategies;

public sealed record GetIndexStrategy(Guid StrategyId) : IRequest<Result<IndexStrategyView>>;

internal sealed class GetIndexStrategyHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<GetIndexStrategy, Result<IndexStrategyView>>
{
    public async Task<Result<IndexStrategyView>> Handle(GetIndexStrategy request, CancellationToken cancellationToken)
    {
        var strategy = await db.FindOwnedAsync(user, request.StrategyId, cancellationToken);
        return strategy.IsSuccess ? IndexStrategyView.Of(strategy.Value) : strategy.Error!;
    }
}
