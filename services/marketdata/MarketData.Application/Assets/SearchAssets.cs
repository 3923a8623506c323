using FluentValidation;
using MarketData.Application.Persistence;
using MarketData.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Application;
using Platform.SharedKernel;

namespace MarketData.Application.Assets;

/// <summary>Tracked assets whose symbol starts with, or whose name contains, <see cref="Q"/>; by symbol.</summary>
public sealed record SearchAssets(string? Q, string? Type, string? Sector, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IRequest<Result<PagedList<AssetView>>>;

internal sealed class SearchAssetsValidator : AbstractValidator<SearchAssets>
{
    public SearchAssetsValidator()
    {
        RuleFor(r => r.Q).MaximumLength(100).SingleLineText();
        RuleFor(r => r.Sector).MaximumLength(Asset.ClassificationMaxLength).SingleLineText();
        RuleFor(r => r.Type).Must(type => type is null || EnumText.Parse<AssetType>(type) is not null)
            .WithMessage($"Must be one of {EnumText.Names<AssetType>()}.");
        RuleFor(r => r.Page).ValidPage();
        RuleFor(r => r.PageSize).ValidPageSize();
    }
}

internal sealed class SearchAssetsHandler(MarketDataDb db) : IRequestHandler<SearchAssets, Result<PagedList<AssetView>>>
{
    public async Task<Result<PagedList<AssetView>>> Handle(SearchAssets request, CancellationToken cancellationToken)
    {
        var query = db.Assets.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Q))
        {
            var text = request.Q.Trim();
            var pattern = "%" + Like(text) + "%";
            var prefix = Like(text.ToUpperInvariant()) + "%";
            query = query.Where(a => EF.Functions.Like(a.Symbol, prefix) || EF.Functions.ILike(a.Name, pattern));
        }

        if (EnumText.Parse<AssetType>(request.Type) is { } type)
        {
            query = query.Where(a => a.Type == type);
        }

        if (!string.IsNullOrWhiteSpace(request.Sector))
        {
            var sector = request.Sector.Trim();
            query = query.Where(a => a.Sector != null && EF.Functions.ILike(a.Sector, Like(sector)));
        }

        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderBy(a => a.Symbol).TakePage(request.Page, request.PageSize).Select(AssetView.Projection).ToListAsync(cancellationToken);
        return new PagedList<AssetView>(items, request.Page, request.PageSize, total);
    }

    // The caller's text is matched literally: LIKE's wildcards and escape are escaped.
    private static string Like(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
