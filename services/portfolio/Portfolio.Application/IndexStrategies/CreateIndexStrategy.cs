using MediatR;
using Platform.SharedKernel;
using Portfolio.Application.Market;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Domain.IndexStrategies;

namespace Portfolio.Application.IndexStrategies;

public sealed record CreateIndexStrategy(IndexStrategyInput Input) : IRequest<Result<IndexStrategyView>>, IIndexStrategyInputRequest;

internal sealed class CreateIndexStrategyValidator : IndexStrategyInputValidator<CreateIndexStrategy>;

internal sealed class CreateIndexStrategyHandler(PortfolioDb db, ICurrentUser user, InstrumentDirectory directory)
    : IRequestHandler<CreateIndexStrategy, Result<IndexStrategyView>>
{
    public async Task<Result<IndexStrategyView>> Handle(CreateIndexStrategy request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var input = request.Input;
        var known = await directory.CheckKnownAsync(input.Basket, cancellationToken);
        if (!known.IsSuccess)
        {
            return known.Error!;
        }

        var strategy = IndexStrategy.Create(caller.Value.UserId, input.Name!, input.Description, input.Basket, input.Weighting!.Value, input.Window, input.Cap, input.Turnover);
        db.Set<IndexStrategy>().Add(strategy);
        var saved = await db.SaveStrategyAsync(cancellationToken);
        return saved.IsSuccess ? IndexStrategyView.Of(strategy) : saved.Error!;
    }
}
