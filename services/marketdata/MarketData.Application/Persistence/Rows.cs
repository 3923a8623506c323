using MarketData.Domain;

namespace MarketData.Application.Persistence;

// Market data, not business records: no audit columns, no audit rows, only what a reader needs.

/// <summary>A row of <c>daily_bars</c>, partitioned by year (see <see cref="BarPartitions"/>), keyed by (asset_id, date).</summary>
public sealed class BarRow
{
    public Guid AssetId { get; set; }
    public DateOnly Date { get; set; }
    public decimal Open { get; set; }
    public decimal High { get; set; }
    public decimal Low { get; set; }
    public decimal Close { get; set; }
    public decimal AdjustedClose { get; set; }
    public long Volume { get; set; }
}

/// <summary>The latest quote of an asset (one row per asset).</summary>
public sealed class QuoteRow
{
    public Guid AssetId { get; set; }
    public decimal Price { get; set; }
    public decimal PreviousClose { get; set; }
    public DateTimeOffset AsOf { get; set; }

    /// <summary>When this row last changed; quote streams read what changed after their last look.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class FxRateRow
{
    public string BaseCurrency { get; set; } = "";
    public string QuoteCurrency { get; set; } = "";
    public DateOnly Date { get; set; }
    public decimal Rate { get; set; }
}

/// <summary>One contract of an underlying's chain as of a day; the newest day is the latest chain.</summary>
public sealed class OptionQuoteRow
{
    public Guid AssetId { get; set; }
    public DateOnly AsOf { get; set; }
    public DateOnly Expiry { get; set; }
    public decimal Strike { get; set; }
    public OptionRight Right { get; set; }
    public decimal? Bid { get; set; }
    public decimal? Ask { get; set; }
    public decimal? Last { get; set; }
    public decimal? ImpliedVolatility { get; set; }
    public long? OpenInterest { get; set; }
    public decimal UnderlyingPrice { get; set; }
}

/// <summary>How the last refresh of an asset went: what an operator looks at when a symbol goes stale.</summary>
public sealed class RefreshStateRow
{
    public Guid AssetId { get; set; }
    public DateTimeOffset LastAttemptAt { get; set; }
    public DateTimeOffset? LastSucceededAt { get; set; }

    /// <summary>Why the last attempt wrote nothing; null when it succeeded.</summary>
    public string? LastError { get; set; }
}
