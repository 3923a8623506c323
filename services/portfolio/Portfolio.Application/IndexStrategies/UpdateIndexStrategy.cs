using MediatR;
using Platform.SharedKernel;
using Portfolio.Application.Market;
using Portfolio.Application.Persistence;
using Portfolio.Domain.IndexStrategies;

namespace Portfolio.Application.IndexStrategies;

/// <summary>Replaces the whole definition; <paramref name="ExpectedVersion"/> is the client's If-Match. A new version makes earlier cached simulations unreachable.</summary>
public sealed record UpdateIndexStrategy(Guid StrategyId, uint? ExpectedVersion, IndexStrategyInput Input) : IRequest<Result<IndexStrategyView>>, IIndexStrategyInputRequest;

internal sealed class UpdateIndexStrategyValidator : IndexStrategyInputValidator<UpdateIndexStrategy>;

internal sealed class UpdateIndexStrategyHandler(PortfolioDb db, ICurrentUser user, InstrumentDirectory directory)
    : IRequestHandler<UpdateIndexStrategy, Result<IndexStrategyView>>
{
    public async Task<Result<IndexStrategyView>> Handle(UpdateIndexStrategy request, CancellationToken cancellationToken)
    {
        var strategy = await db.FindOwnedAsync(user, request.StrategyId, cancellationToken, tracked: true);
        if (!strategy.IsSuccess)
        {
            return strategy.Error!;
        }

        if (request.ExpectedVersion is { } version && version != strategy.Value.Version)
        {
            return IndexStrategyErrors.Stale;
        }

        var input = request.Input;
        var known = await directory.CheckKnownAsync(input.Basket, cancellationToken);
        if (!known.IsSuccess)
        {
            return known.Error!;
        }

        strategy.Value.Change(input.Name!, input.Description, input.Basket, input.Weighting!.Value, input.Window, input.Cap, input.Turnover);
        var saved = await db.SaveStrategyAsync(cancellationToken);
        return saved.IsSuccess ? IndexStrategyView.Of(strategy.Value) : saved.Error!;
    }
}
