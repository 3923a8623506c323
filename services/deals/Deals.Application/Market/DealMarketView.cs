using Deals.Domain;

namespace Deals.Application.Market;

/// <summary>
/// A deal's figures at market prices. <see cref="AsOf"/> is the older of the prices shown; the figures
/// are derived when read, from the deal's current terms, so they never disagree with terms edited after
/// the prices arrived.
/// </summary>
public sealed record DealMarketView(
    decimal? TargetPrice,
    decimal? AcquirerPrice,
    decimal? Spread,
    decimal? SpreadPercent,
    decimal? AnnualizedReturn,
    DateTimeOffset AsOf)
{
    public static DealMarketView? From(Deal deal, DealMarketPrice? prices)
    {
        if (prices is null)
        {
            return null;
        }

        var target = Leg(deal.TargetTicker, deal.Currency, prices.TargetTicker, prices.TargetCurrency, prices.TargetPrice, prices.TargetAsOf);
        var acquirer = Leg(deal.AcquirerTicker, deal.Currency, prices.AcquirerTicker, prices.AcquirerCurrency, prices.AcquirerPrice, prices.AcquirerAsOf);
        if (target is null && acquirer is null)
        {
            return null;
        }

        var asOf = new[] { target?.AsOf, acquirer?.AsOf }.OfType<DateTimeOffset>().Min();
        var figures = DealFigures.AtMarket(deal.Terms, target?.Price, acquirer?.Price, DateOnly.FromDateTime(asOf.UtcDateTime));
        return new DealMarketView(target?.Price, acquirer?.Price, figures.Spread, figures.SpreadPercent, figures.AnnualizedReturn, asOf);
    }

    private static (decimal Price, DateTimeOffset AsOf)? Leg(
        string? dealTicker, string dealCurrency, string? ticker, string? currency, decimal? price, DateTimeOffset? asOf) =>
        dealTicker is not null && ticker == dealTicker && currency == dealCurrency && price is { } p && asOf is { } at ? (p, at) : null;
}
