using System.Linq.Expressions;
using MarketData.Domain;

namespace MarketData.Application.Assets;

/// <summary>An asset as the API serves it.</summary>
public sealed record AssetView(
    string Symbol,
    string Name,
    AssetType Type,
    string? Exchange,
    string Currency,
    string? Sector,
    string? Industry,
    bool Active)
{
    public static readonly Expression<Func<Asset, AssetView>> Projection =
        a => new AssetView(a.Symbol, a.Name, a.Type, a.Exchange, a.Currency, a.Sector, a.Industry, a.Active);

    public static AssetView Of(Asset a) => new(a.Symbol, a.Name, a.Type, a.Exchange, a.Currency, a.Sector, a.Industry, a.Active);
}

/// <summary>One asset with how its data stands: the span of stored history and the last refresh.</summary>
public sealed record AssetDetailView(
    AssetView Asset,
    DateOnly? FirstBarDate,
    DateOnly? LastBarDate,
    DateTimeOffset? LastRefreshAttemptAt,
    DateTimeOffset? LastRefreshSucceededAt,
    string? LastRefreshError);
