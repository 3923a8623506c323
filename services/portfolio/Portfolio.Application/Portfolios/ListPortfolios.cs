using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Application;
using Platform.Persistence;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Portfolios;

/// <summary>The caller's portfolios; risk managers and admins may ask for everyone's (<paramref name="All"/>) or one owner's.</summary>
public sealed record ListPortfolios(bool All, Guid? OwnerId, int Page, int PageSize) : IRequest<Result<PagedList<PortfolioView>>>;

internal sealed class ListPortfoliosValidator : AbstractValidator<ListPortfolios>
{
    public ListPortfoliosValidator()
    {
        RuleFor(r => r.Page).ValidPage();
        RuleFor(r => r.PageSize).ValidPageSize();
    }
}

internal sealed class ListPortfoliosHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<ListPortfolios, Result<PagedList<PortfolioView>>>
{
    public async Task<Result<PagedList<PortfolioView>>> Handle(ListPortfolios request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var query = db.Portfolios.AsNoTracking().ReadableBy(caller.Value);
        if (request.OwnerId is { } owner)
        {
            query = query.Where(p => p.OwnerId == owner);
        }
        else if (!request.All)
        {
            query = query.Where(p => p.OwnerId == caller.Value.UserId);
        }

        return await query.OrderByDescending(p => p.IsDefault).ThenBy(p => p.Name).ThenBy(p => p.Id)
            .ToPagedListAsync(request.Page, request.PageSize, PortfolioView.Of, cancellationToken);
    }
}
