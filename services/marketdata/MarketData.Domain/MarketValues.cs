namespace MarketData.Domain;

/// <summary>One trading day of one asset. Prices in the asset's currency; adjusted close accounts for splits and dividends.</summary>
public sealed record DailyBar(DateOnly Date, decimal Open, decimal High, decimal Low, decimal Close, decimal AdjustedClose, long Volume)
{
    /// <summary>Why the bar cannot be stored, or null when it is sound.</summary>
    public string? Defect()
    {
        if (Open <= 0 || High <= 0 || Low <= 0 || Close <= 0 || AdjustedClose <= 0)
        {
            return $"{Date:yyyy-MM-dd}: prices must be positive";
        }

        if (High < Low || High < Open || High < Close || Low > Open || Low > Close)
        {
            return $"{Date:yyyy-MM-dd}: high/low do not bracket open and close";
        }

        return Volume < 0 ? $"{Date:yyyy-MM-dd}: negative volume" : null;
    }
}

/// <summary>The latest price of an asset and the close it is compared with.</summary>
public sealed record Quote(string Symbol, decimal Price, decimal PreviousClose, DateTimeOffset AsOf)
{
    public decimal Change => Price - PreviousClose;

    /// <summary>Change as a fraction of the previous close (0.0123 = 1.23 %); null without a previous close.</summary>
    public decimal? ChangePercent => PreviousClose == 0 ? null : decimal.Round((Price - PreviousClose) / PreviousClose, 8, MidpointRounding.ToEven);
}

/// <summary>How many units of <see cref="QuoteCurrency"/> one unit of <see cref="BaseCurrency"/> buys on <see cref="Date"/>.</summary>
public sealed record FxRate(string BaseCurrency, string QuoteCurrency, DateOnly Date, decimal Rate);

/// <summary>One listed option contract in a chain.</summary>
public sealed record OptionQuote(
    DateOnly Expiry,
    decimal Strike,
    OptionRight Right,
    decimal? Bid,
    decimal? Ask,
    decimal? Last,
    decimal? ImpliedVolatility,
    long? OpenInterest);

/// <summary>An underlying's option chain as of a trading day.</summary>
public sealed record OptionChain(string Underlying, DateOnly AsOf, decimal UnderlyingPrice, IReadOnlyList<OptionQuote> Contracts);
