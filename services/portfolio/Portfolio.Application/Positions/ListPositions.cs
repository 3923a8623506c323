using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Application;
using Platform.Persistence;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Domain.Instruments;
using Portfolio.Domain.Portfolios;
using Portfolio.Domain.Positions;

namespace Portfolio.Application.Positions;

/// <summary>Filters of the position list; every one optional and combined with AND.</summary>
public sealed record PositionFilter(Guid? PortfolioId, PositionType? Type, string? Tag, Guid? StrategyId, string? Underlying, string? Sector, string? Sort);

public sealed record ListPositions(PositionFilter Filter, int Page, int PageSize) : IRequest<Result<PagedList<PositionView>>>;

internal sealed class ListPositionsValidator : AbstractValidator<ListPositions>
{
    public static readonly IReadOnlySet<string> Sorts = new HashSet<string>(StringComparer.Ordinal)
    {
        "symbol", "-symbol", "entryDate", "-entryDate", "updatedAt", "-updatedAt",
    };

    public ListPositionsValidator()
    {
        RuleFor(r => r.Page).ValidPage();
        RuleFor(r => r.PageSize).ValidPageSize();
        RuleFor(r => r.Filter.Tag!).MaximumLength(PortfolioErrors.TagMaxLength).SingleLineText().OverridePropertyName("tag");
        RuleFor(r => r.Filter.Underlying!).MaximumLength(PositionSymbol.TickerMaxLength).SingleLineText().OverridePropertyName("underlying");
        RuleFor(r => r.Filter.Sector!).MaximumLength(100).SingleLineText().OverridePropertyName("sector");
        RuleFor(r => r.Filter.Sort).Must(s => s is null || Sorts.Contains(s))
            .WithMessage($"Must be one of {string.Join(", ", Sorts)}.").OverridePropertyName("sort");
    }
}

internal sealed class ListPositionsHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<ListPositions, Result<PagedList<PositionView>>>
{
    public async Task<Result<PagedList<PositionView>>> Handle(ListPositions request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var filter = request.Filter;
        if (filter.PortfolioId is { } portfolioId)
        {
            var portfolio = await db.FindReadableAsync(caller.Value, portfolioId, cancellationToken);
            if (!portfolio.IsSuccess)
            {
                return portfolio.Error!;
            }
        }

        // Without a portfolio the list is the caller's own positions, even for those who may read everyone's.
        var query = filter.PortfolioId is { } id
            ? db.Positions.AsNoTracking().Where(p => p.PortfolioId == id)
            : db.Positions.AsNoTracking().Where(p => p.OwnerId == caller.Value.UserId);
        query = query.Where(p => db.Portfolios.Any(portfolio => portfolio.Id == p.PortfolioId));
        if (filter.Type is { } type)
        {
            query = query.Where(p => p.Type == type);
        }

        if (filter.Tag is { } tag)
        {
            query = query.Where(p => p.Tags.Contains(tag));
        }

        if (filter.StrategyId is { } strategy)
        {
            query = query.Where(p => p.StrategyId == strategy);
        }

        if (filter.Underlying is { } underlying)
        {
            var normalised = underlying.Trim().ToUpperInvariant();
            query = query.Where(p => p.Underlying == normalised);
        }

        if (filter.Sector is { } sector)
        {
            query = query.Where(p => db.Instruments.Any(i => i.Symbol == p.Underlying && i.Sector == sector));
        }

        return await Sort(query, filter.Sort).ToPagedListAsync(request.Page, request.PageSize, PositionView.Of, cancellationToken);
    }

    private static IQueryable<Position> Sort(IQueryable<Position> query, string? sort) => sort switch
    {
        "-symbol" => query.OrderByDescending(p => p.Symbol).ThenBy(p => p.Id),
        "entryDate" => query.OrderBy(p => p.EntryDate).ThenBy(p => p.Id),
        "-entryDate" => query.OrderByDescending(p => p.EntryDate).ThenBy(p => p.Id),
        "updatedAt" => query.OrderBy(p => p.UpdatedAt).ThenBy(p => p.Id),
        "-updatedAt" => query.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id),
        _ => query.OrderBy(p => p.Symbol).ThenBy(p => p.Id),
    };
}
