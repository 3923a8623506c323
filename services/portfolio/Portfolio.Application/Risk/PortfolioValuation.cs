using Platform.SharedKernel;
using Portfolio.Domain.Positions;
using Portfolio.Domain.Pricing;
using Portfolio.Domain.Risk.Statistics;

namespace Portfolio.Application.Risk;

/// <summary>The positions that could be valued, and those that could not (no stored price or no FX rate to the base currency).</summary>
public sealed record ValuedBook(IReadOnlyList<ValuedPosition> Positions, IReadOnlyList<UnpricedPosition> Unpriced, DateOnly AsOf);

public sealed record UnpricedPosition(Guid PositionId, string Symbol, string Reason);

/// <summary>
/// Values positions at a snapshot: stocks at their close, options with Black-Scholes-Merton at the
/// underlying's close, the configured rate and dividend yield, and the contract's implied volatility
/// from marketdata's latest chain, else the underlying's realised volatility over
/// <see cref="RiskOptions.VolatilityWindow"/> (the fallback when its history is too short).
/// Time to expiry counts calendar days from the snapshot's date.
/// </summary>
public static class PortfolioValuation
{
    private const double CalendarDaysPerYear = 365.0;

    public static ValuedBook Value(
        IReadOnlyList<Position> positions, IReadOnlyDictionary<Guid, string> strategyNames, MarketSnapshot market, RiskOptions options, DateOnly asOf)
    {
        var valued = new List<ValuedPosition>(positions.Count);
        var unpriced = new List<UnpricedPosition>();
        var volatilities = new Dictionary<string, (double Volatility, VolatilitySource Source)>(StringComparer.Ordinal);
        foreach (var position in positions)
        {
            if (!market.Closes.TryGetValue(position.Underlying, out var close) || close.Close <= 0)
            {
                unpriced.Add(new UnpricedPosition(position.Id, position.Symbol, $"No stored price for {position.Underlying} yet."));
                continue;
            }

            if (!market.FxToBase.TryGetValue(position.Currency, out var fx))
            {
                unpriced.Add(new UnpricedPosition(position.Id, position.Symbol, $"No FX rate from {position.Currency} to the base currency yet."));
                continue;
            }

            var spot = (double)close.Close;
            var units = (double)position.Quantity * (double)position.Multiplier * fx.Rate;
            var strategy = position.StrategyId is { } id ? strategyNames.GetValueOrDefault(id) : null;
            var sector = market.Sectors.GetValueOrDefault(position.Underlying);
            if (position.Option is not { } option)
            {
                valued.Add(new ValuedPosition(position, sector, strategy, spot, fx.Rate, spot, 0, null, 0,
                    units * spot, Math.Abs(units * spot), units * spot, 0, 0, 0, 0, units * (double)position.EntryPrice));
                continue;
            }

            if (!volatilities.TryGetValue(position.Underlying, out var realised))
            {
                realised = RealisedVolatility(market.History, position.Underlying, options);
                volatilities[position.Underlying] = realised;
            }

            var (volatility, source) = market.ImpliedVolatilities.TryGetValue((position.Underlying, option.Expiry, option.Strike, EnumText.Name(option.Right)), out var implied)
                ? (implied, VolatilitySource.ImpliedChain)
                : (realised.Volatility, realised.Source);

            var years = Math.Max(option.Expiry.DayNumber - asOf.DayNumber, 0) / CalendarDaysPerYear;
            var greeks = BlackScholes.Evaluate(new OptionContract(option.Right, spot, (double)option.Strike, years, options.RiskFreeRate, options.DividendYield, volatility));
            valued.Add(new ValuedPosition(position, sector, strategy, spot, fx.Rate, greeks.Price, volatility, source, years,
                units * greeks.Price, Math.Abs(units * spot), units * greeks.Delta * spot, units * greeks.Gamma * spot * spot / 100.0,
                units * greeks.Vega, units * greeks.Theta, units * greeks.Rho, units * (double)position.EntryPrice));
        }

        return new ValuedBook(valued, unpriced, asOf);
    }

    /// <summary>Annualised standard deviation of daily returns; the fallback when fewer than ten returns are known.</summary>
    public static (double Volatility, VolatilitySource Source) RealisedVolatility(PriceHistory? history, string symbol, RiskOptions options)
    {
        if (history is null || history.KnownReturns(symbol, options.VolatilityWindow) < 10)
        {
            return (options.FallbackVolatility, VolatilitySource.Fallback);
        }

        var volatility = PerformanceStatistics.FromDailyReturns(history.Returns(symbol, options.VolatilityWindow), 0).AnnualisedVolatility;
        return volatility > 0 && double.IsFinite(volatility) ? (volatility, VolatilitySource.Realised) : (options.FallbackVolatility, VolatilitySource.Fallback);
    }
}
