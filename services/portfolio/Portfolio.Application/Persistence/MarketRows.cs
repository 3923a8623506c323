namespace Portfolio.Application.Persistence;

// The service's own copy of the market data its calculations read, so a calculation never waits on
// marketdata. Market data, not business records: no audit columns, no audit rows.

/// <summary>A symbol's close on a day: from marketdata's history (back-fill and sync) or its PricesUpdated events.</summary>
public sealed class ClosePriceRow
{
    public string Symbol { get; set; } = "";
    public DateOnly Date { get; set; }
    public decimal Close { get; set; }

    /// <summary>Adjusted for splits and dividends; returns are computed from it. Equal to the close for an event's price until the next sync.</summary>
    public decimal AdjustedClose { get; set; }

    public string Currency { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>What marketdata says a symbol is: currency for FX conversion, sector for grouping.</summary>
public sealed class InstrumentRow
{
    public string Symbol { get; set; } = "";
    public string? Name { get; set; }
    public string? Type { get; set; }
    public string? Sector { get; set; }
    public string? Currency { get; set; }

    /// <summary>When the history was last back-filled from marketdata; null while it still has to be.</summary>
    public DateTimeOffset? HistorySyncedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Units of <see cref="QuoteCurrency"/> per one <see cref="BaseCurrency"/> on a day, as marketdata answered.</summary>
public sealed class FxRateRow
{
    public string BaseCurrency { get; set; } = "";
    public string QuoteCurrency { get; set; } = "";
    public DateOnly Date { get; set; }
    public decimal Rate { get; set; }
}

/// <summary>
/// The implied volatility marketdata's latest option chain gives one contract; replaced whole per
/// underlying on every sync. Options are valued at it when their exact contract is listed.
/// </summary>
public sealed class OptionVolatilityRow
{
    public string Underlying { get; set; } = "";
    public DateOnly Expiry { get; set; }
    public decimal Strike { get; set; }
    public string Right { get; set; } = "";
    public decimal ImpliedVolatility { get; set; }

    /// <summary>The chain's date.</summary>
    public DateOnly AsOf { get; set; }
}

/// <summary>
/// One row whose version a trigger bumps whenever a statement changes rows of market data (closes, FX,
/// option volatilities, instruments), whoever writes them: the key of every cached valuation.
/// </summary>
public sealed class MarketVersionRow
{
    public int Id { get; set; }
    public long Version { get; set; }
}
