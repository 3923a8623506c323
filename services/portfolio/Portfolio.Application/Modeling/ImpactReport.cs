using Portfolio.Application.Risk;

namespace Portfolio.Application.Modeling;

/// <summary>
/// A book's figures, as a recorded calculation reports them: exposures, the largest name, greeks, the 1-day
/// 99% historical VaR the limit bounds, the full risk figures (tails, delta-normal VaR, statistics, beta to the
/// market and the eight factor betas; null for an empty book) and the limit checks.
/// </summary>
public sealed record BookFigures(
    int Positions,
    ExposureFigures Exposure,
    Concentration? LargestName,
    GreekFigures Greeks,
    decimal ValueAtRisk,
    RiskFigures? Risk,
    IReadOnlyList<LimitCheck> Limits);

public sealed record FactorChange(string Factor, decimal? Before, decimal? After, decimal? Change);

/// <summary>After minus before, figure by figure.</summary>
// Long and Short are the desk's words for the sides of a book, not the integer types.
#pragma warning disable CA1720
public sealed record ImpactChange(
    decimal MarketValue, decimal Long, decimal Short, decimal Net, decimal Gross, decimal Notional,
    decimal DollarDelta, decimal DollarGamma, decimal Vega, decimal Theta, decimal Rho,
    decimal ValueAtRisk, decimal? BetaToMarket, IReadOnlyList<FactorChange> Factors);
#pragma warning restore CA1720

/// <summary>A limit before and after; headroom is the limit minus the figure (negative while broken).</summary>
public sealed record LimitImpact(string Limit, decimal Threshold, decimal Before, decimal After, decimal HeadroomBefore, decimal HeadroomAfter, bool BreachedBefore, bool BreachedAfter);

/// <summary>One trade as valued: its unit price (a stock's close, an option's model price), market value and dollar delta.</summary>
public sealed record TradeImpact(Guid TradeId, string Symbol, decimal Quantity, bool Priced, decimal? UnitPrice, decimal? MarketValue, decimal? DollarDelta);

public sealed record ImpactReport(
    Guid SessionId,
    Guid PortfolioId,
    string Currency,
    DateOnly AsOf,
    DateTimeOffset CalculatedAt,
    BookFigures Before,
    BookFigures After,
    ImpactChange Change,
    IReadOnlyList<LimitImpact> Limits,
    IReadOnlyList<TradeImpact> Trades,
    IReadOnlyList<UnpricedPosition> Unpriced);

public sealed record SuggestedTrade(string Symbol, string Side, decimal Quantity, decimal UnitPrice);

/// <summary>
/// A trade that brings a broken limit back inside, sized to the smallest whole quantity that does (checked by
/// recalculating the book with it), or, when none does, the best this instrument can do and why.
/// </summary>
public sealed record TradeSuggestion(string Limit, decimal Threshold, decimal Actual, SuggestedTrade? Trade, decimal? Resulting, bool BringsInside, string Explanation);

public sealed record SuggestionReport(Guid SessionId, Guid PortfolioId, string Currency, DateOnly AsOf, IReadOnlyList<TradeSuggestion> Suggestions);
