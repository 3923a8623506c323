using Portfolio.Domain.Instruments;
using Portfolio.Domain.Positions;
using Portfolio.Domain.Pricing;

namespace Portfolio.Application.Risk;

/// <summary>Where an option's volatility came from: its contract in marketdata's latest chain, the underlying's realised volatility, or the configured fallback.</summary>
public enum VolatilitySource
{
    ImpliedChain,
    Realised,
    Fallback,
}

/// <summary>
/// A position at the snapshot's prices, every money figure in the portfolio's base currency.
/// <see cref="DollarDelta"/> is the delta-adjusted exposure (the market value for a stock); gamma is the
/// change of dollar delta for a 1% move of the underlying, vega per volatility point, theta per calendar day.
/// </summary>
public sealed record ValuedPosition(
    Position Position,
    string? Sector,
    string? StrategyName,
    double Spot,
    double Fx,
    double UnitPrice,
    double Volatility,
    VolatilitySource? VolatilitySource,
    double TimeToExpiry,
    double MarketValue,
    double Notional,
    double DollarDelta,
    double DollarGamma,
    double Vega,
    double Theta,
    double Rho,
    double CostBasis)
{
    public double Units => (double)Position.Quantity * (double)Position.Multiplier;

    public PositionType Type => Position.Type;

    public OptionContract? Contract(double rate, double dividendYield) => Position.Option is { } option
        ? new OptionContract(option.Right, Spot, (double)option.Strike, TimeToExpiry, rate, dividendYield, Volatility)
        : null;
}
