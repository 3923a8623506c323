using MediatR;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Domain.Modeling;

namespace Portfolio.Application.Modeling;

/// <summary>One of the caller's saved scenarios, with its impacts; anyone else's is 404.</summary>
public sealed record GetScenario(Guid ScenarioId) : IRequest<Result<ScenarioView>>;

internal sealed class GetScenarioHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<GetScenario, Result<ScenarioView>>
{
    public async Task<Result<ScenarioView>> Handle(GetScenario request, CancellationToken cancellationToken)
    {
        var row = await db.FindOwnAsync<ModelingScenarioRow>(user, request.ScenarioId, ModelingErrors.ScenarioNotFound, cancellationToken);
        return row.IsSuccess ? ScenarioView.Of(row.Value, withImpacts: true) : row.Error!;
    }
}
