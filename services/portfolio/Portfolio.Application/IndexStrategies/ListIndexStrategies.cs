using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Application;
using Platform.Persistence;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.IndexStrategies;

/// <summary>The caller's own index strategies, by name.</summary>
public sealed record ListIndexStrategies(int Page, int PageSize) : IRequest<Result<PagedList<IndexStrategyView>>>;

internal sealed class ListIndexStrategiesValidator : AbstractValidator<ListIndexStrategies>
{
    public ListIndexStrategiesValidator()
    {
        RuleFor(r => r.Page).ValidPage();
        RuleFor(r => r.PageSize).ValidPageSize();
    }
}

internal sealed class ListIndexStrategiesHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<ListIndexStrategies, Result<PagedList<IndexStrategyView>>>
{
    public async Task<Result<PagedList<IndexStrategyView>>> Handle(ListIndexStrategies request, CancellationToken cancellationToken)
    {
        var owned = db.OwnedBy(user);
        if (!owned.IsSuccess)
        {
            return owned.Error!;
        }

        return await owned.Value.OrderBy(s => s.Name).ThenBy(s => s.Id)
            .ToPagedListAsync(request.Page, request.PageSize, IndexStrategyView.Of, cancellationToken);
    }
}
