using Alerts.Application.Alerts;
using Alerts.Application.Persistence;
using Alerts.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Alerts.Application.Rules;

/// <summary>Deletes one of the caller's rules; someone else's is "not found".</summary>
public sealed record DeleteRule(Guid RuleId) : IRequest<Result>;

internal sealed class DeleteRuleHandler(AlertsDb db, ICurrentUser user) : IRequestHandler<DeleteRule, Result>
{
    public async Task<Result> Handle(DeleteRule request, CancellationToken cancellationToken)
    {
        var caller = user.Caller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var deleted = await db.Rules.Where(r => r.Id == request.RuleId && r.OwnerId == caller.Value).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? AlertErrors.RuleNotFound : Result.Ok();
    }
}
