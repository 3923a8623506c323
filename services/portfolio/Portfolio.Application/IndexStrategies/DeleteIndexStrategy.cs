using MediatR;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Domain.IndexStrategies;

namespace Portfolio.Application.IndexStrategies;

/// <summary>Soft delete: the definition stays for audit; every read treats it as gone.</summary>
public sealed record DeleteIndexStrategy(Guid StrategyId, uint? ExpectedVersion) : IRequest<Result>;

internal sealed class DeleteIndexStrategyHandler(PortfolioDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<DeleteIndexStrategy, Result>
{
    public async Task<Result> Handle(DeleteIndexStrategy request, CancellationToken cancellationToken)
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

        strategy.Value.Delete(clock.GetUtcNow());
        return await db.SaveStrategyAsync(cancellationToken);
    }
}
