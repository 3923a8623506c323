using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.Persistence;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;

namespace Portfolio.Application.Modeling;

/// <summary>The caller's saved scenarios, newest first, without their impacts (get one for those).</summary>
public sealed record ListScenarios(int Page, int PageSize) : IRequest<Result<PagedList<ScenarioView>>>, IOwnPageRequest;

internal sealed class ListScenariosValidator : OwnPageValidator<ListScenarios>;

internal sealed class ListScenariosHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<ListScenarios, Result<PagedList<ScenarioView>>>
{
    public async Task<Result<PagedList<ScenarioView>>> Handle(ListScenarios request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        return await db.Set<ModelingScenarioRow>().AsNoTracking().Where(s => s.OwnerId == caller.Value.UserId)
            .OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id)
            .Select(s => new ModelingScenarioRow
            {
                Id = s.Id, SessionId = s.SessionId, PortfolioId = s.PortfolioId, Name = s.Name, TradeCount = s.TradeCount, Trades = s.Trades, CreatedAt = s.CreatedAt,
            })
            .ToPagedListAsync(request.Page, request.PageSize, row => ScenarioView.Of(row, withImpacts: false), cancellationToken);
    }
}
