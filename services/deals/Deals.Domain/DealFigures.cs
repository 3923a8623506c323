namespace Deals.Domain;

/// <summary>The merger-arbitrage figures derived from a deal's terms and current prices.</summary>
public static class DealFigures
{
    private const int Decimals = 6;

    /// <summary>
    /// Spread = value offered per target share (cash + exchange ratio × acquirer price) − target price.
    /// Annualized return = spread ÷ target price × 365 ÷ days from <see cref="DealTerms.PricesAsOf"/> to
    /// the expected close (simple, not compounded). Null when an input is missing.
    /// </summary>
    public static (decimal? Spread, decimal? AnnualizedReturn) Derive(DealTerms terms)
    {
        if (terms.CurrentTargetPrice is not { } targetPrice || targetPrice <= 0m || OfferValue(terms) is not { } offer)
        {
            return (null, null);
        }

        var spread = offer - targetPrice;
        decimal? annualized = null;
        if (terms.ExpectedCloseOn is { } close && terms.PricesAsOf is { } asOf && close.DayNumber > asOf.DayNumber)
        {
            annualized = decimal.Round(spread / targetPrice * 365m / (close.DayNumber - asOf.DayNumber), Decimals, MidpointRounding.ToEven);
        }

        return (decimal.Round(spread, Decimals, MidpointRounding.ToEven), annualized);
    }

    /// <summary>
    /// The same figures from market prices instead of the analyst's current prices, annualized from the
    /// date the prices were observed; <c>SpreadPercent</c> is the spread as a percentage of the target price.
    /// </summary>
    public static MarketFigures AtMarket(DealTerms terms, decimal? targetPrice, decimal? acquirerPrice, DateOnly asOf)
    {
        var (spread, annualized) = Derive(terms with { CurrentTargetPrice = targetPrice, CurrentAcquirerPrice = acquirerPrice, PricesAsOf = asOf });
        decimal? percent = spread is { } value && targetPrice is { } price
            ? decimal.Round(value / price * 100m, Decimals, MidpointRounding.ToEven)
            : null;
        return new MarketFigures(spread, percent, annualized);
    }

    private static decimal? OfferValue(DealTerms terms)
    {
        var cash = terms.OfferPricePerShare;
        decimal? stock = terms.ExchangeRatio is { } ratio
            ? terms.CurrentAcquirerPrice is { } acquirerPrice ? ratio * acquirerPrice : null
            : 0m;
        return terms.Consideration switch
        {
            ConsiderationType.Cash => cash,
            ConsiderationType.Stock => terms.ExchangeRatio is null ? null : stock,
            _ => cash is null && terms.ExchangeRatio is null ? null : (cash ?? 0m) + stock,
        };
    }
}

public sealed record MarketFigures(decimal? Spread, decimal? SpreadPercent, decimal? AnnualizedReturn);
