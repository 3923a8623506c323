using Alerts.Application.Alerts;
using Alerts.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Alerts.Application.Rules;

/// <summary>The caller's rules, oldest first (there are at most 100).</summary>
public sealed record ListRules : IRequest<Result<IReadOnlyList<RuleView>>>;

internal sealed class ListRulesHandler(AlertsDb db, ICurrentUser user) : IRequestHandler<ListRules, Result<IReadOnlyList<RuleView>>>
{
    public async Task<Result<IReadOnlyList<RuleView>>> Handle(ListRules request, CancellationToken cancellationToken)
    {
        var caller = user.Caller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        return await db.Rules.AsNoTracking()
            .Where(r => r.OwnerId == caller.Value)
            .OrderBy(r => r.Id)
            .Select(RuleView.Projection)
            .ToListAsync(cancellationToken);
    }
}
