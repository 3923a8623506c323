using System.Globalization;
using MediatR;
using Platform.SharedKernel;
using Portfolio.Application.Positions;
using Portfolio.Application.Risk;
using Portfolio.Domain.Modeling;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Modeling;

/// <summary>
/// For each limit the session's book ("after") breaks, one trade that brings it back inside: net exposure and VaR
/// by the hedge instrument (<paramref name="Hedge"/>, default <see cref="ModelingOptions.HedgeSymbol"/>), dollar
/// delta and concentration by the underlying itself. Each is sized from the figure's formula, then checked and
/// trimmed to the smallest whole quantity with which the same calculation finds the limit inside.
/// </summary>
public sealed record SuggestTrades(Guid SessionId, string? Hedge) : IRequest<Result<SuggestionReport>>;

internal sealed class SuggestTradesHandler(ImpactCalculator calculator, ICurrentUser user) : IRequestHandler<SuggestTrades, Result<SuggestionReport>>
{
    public async Task<Result<SuggestionReport>> Handle(SuggestTrades request, CancellationToken cancellationToken)
    {
        var loaded = await calculator.LoadAsync(user, request.SessionId, request.Hedge, cancellationToken);
        if (!loaded.IsSuccess)
        {
            return loaded.Error!;
        }

        var market = loaded.Value;
        var after = calculator.Figures(market.Portfolio, market.Snapshot, market.After);
        var suggestions = after.Limits.Where(l => l.Breached).SelectMany(check => Suggest(market, after, check)).ToList();
        return new SuggestionReport(market.Session.Id, market.Portfolio.Id, market.Portfolio.BaseCurrency, market.After.AsOf, suggestions);
    }

    private IEnumerable<TradeSuggestion> Suggest(SessionMarket market, BookFigures after, LimitCheck check) => check.Limit switch
    {
        RiskLimits.Names.NetExposure => [NetExposure(market, after, check)],
        RiskLimits.Names.ValueAtRisk => [ValueAtRisk(market, after, check)],
        RiskLimits.Names.DollarDelta => DollarDelta(market, after, check),
        RiskLimits.Names.Concentration => [Concentration(market, after, check)],
        _ => [new TradeSuggestion(check.Limit, check.Threshold, check.Actual, null, null, false,
            "Gross exposure counts every position's exposure whatever its sign, so no added trade lowers it: reduce or remove trades, or close positions.")],
    };

    private TradeSuggestion NetExposure(SessionMarket market, BookFigures after, LimitCheck check)
    {
        var net = (double)after.Exposure.Net;
        var excess = Math.Abs(net) - (double)check.Threshold;
        return Sized(market, check, market.HedgeSymbol, market.HedgeCurrency, -Math.Sign(net), excess, Math.Abs(net),
            (trade, unit) => $"Net exposure is {Amount(net)} against a limit of {Amount(check.Threshold)}: {trade} adds {Amount(-Math.Sign(net) * unit)} of exposure per share, " +
                $"so {Amount(excess)} needs the quantity shown (rounded up to whole shares)");
    }

    private TradeSuggestion ValueAtRisk(SessionMarket market, BookFigures after, LimitCheck check)
    {
        if (after.Risk?.BetaToMarket is not { } beta || beta == 0)
        {
            return new TradeSuggestion(check.Limit, check.Threshold, check.Actual, null, null, false,
                "The book has no beta to the market yet (too little common history with SPY), so no beta hedge can be sized.");
        }

        // Beta-adjusted exposure: the book's returns are its P&L over gross exposure, so β × gross is its market exposure in money.
        var betaExposure = (double)beta * (double)after.Exposure.Gross;
        var fraction = Math.Clamp(((double)check.Actual - (double)check.Threshold) / (double)check.Actual, 0.01, 1.0);
        return Sized(market, check, market.HedgeSymbol, market.HedgeCurrency, -Math.Sign(betaExposure), fraction * Math.Abs(betaExposure), Math.Abs(betaExposure),
            (trade, unit) => $"1-day 99% VaR is {Amount(check.Actual)} against a limit of {Amount(check.Threshold)}. The book's beta to the market is " +
                $"{beta.ToString("0.####", CultureInfo.InvariantCulture)}, a beta-adjusted exposure of {Amount(betaExposure)}; {trade} offsets {Amount(unit)} of it per share. " +
                "The full beta hedge is the most it takes; the quantity shown is the smallest one the historical VaR recalculated with it is inside the limit at");
    }

    /// <summary>The underlying itself; and, when the book holds options on it, the held contract with the most delta, traded against it.</summary>
    private IEnumerable<TradeSuggestion> DollarDelta(SessionMarket market, BookFigures after, LimitCheck check)
    {
        var delta = (double)after.Greeks.DollarDelta;
        var name = LargestOfSign(market, Math.Sign(delta));
        var excess = Math.Abs(delta) - (double)check.Threshold;
        yield return Sized(market, check, name.Symbol, name.Currency, -Math.Sign(delta), excess, Math.Abs(delta),
            (trade, unit) => $"Dollar delta is {Amount(delta)} against a limit of {Amount(check.Threshold)}; {name.Symbol.Symbol} carries the most of it. " +
                $"{trade} (a delta of one per share, {Amount(unit)} of dollar delta each) removes the {Amount(excess)} over the limit");

        var option = market.After.Positions.Where(p => p.Position.IsOption && p.Position.Underlying == name.Symbol.Underlying && p.Position.Quantity != 0)
            .OrderByDescending(p => Math.Abs(p.DollarDelta / (double)p.Position.Quantity)).ThenBy(p => p.Position.Symbol, StringComparer.Ordinal).FirstOrDefault();
        if (option is not null && PositionSymbol.TryParse(option.Position.Symbol, out var contract, out _))
        {
            var perContract = option.DollarDelta / (double)option.Position.Quantity;
            yield return Sized(market, check, contract, option.Position.Currency, -Math.Sign(delta) * Math.Sign(perContract), excess, Math.Abs(delta),
                (trade, unit) => $"Dollar delta is {Amount(delta)} against a limit of {Amount(check.Threshold)}. Alternatively {trade}: at the model's delta " +
                    $"each contract carries {Amount(unit)} of dollar delta, so the {Amount(excess)} over the limit takes the quantity shown (gamma moves it as the underlying moves)");
        }
    }

    private TradeSuggestion Concentration(SessionMarket market, BookFigures after, LimitCheck check)
    {
        var largest = after.LargestName!;
        var exposure = (double)largest.Exposure;
        var gross = (double)after.Exposure.Gross;
        var offset = HedgeSizing.ConcentrationOffset(exposure, gross, (double)check.Threshold);
        var currency = market.After.Positions.First(p => p.Position.Underlying == largest.Underlying).Position.Currency;
        _ = PositionSymbol.TryParse(largest.Underlying, out var symbol, out _);
        return Sized(market, check, symbol!, currency, -Math.Sign(exposure), offset, Math.Abs(exposure),
            (trade, unit) => $"{largest.Underlying} is {check.Actual.ToString("0.##", CultureInfo.InvariantCulture)}% of gross exposure against a limit of " +
                $"{check.Threshold.ToString("0.##", CultureInfo.InvariantCulture)}%. Offsetting d of its {Amount(exposure)} with a new position also adds d to gross " +
                $"({Amount(gross)}), so (|A| − d) / (G + d) ≤ c gives d = {Amount(offset)}: {trade}, {Amount(unit)} per share");
    }

    /// <summary>
    /// The smallest whole quantity of <paramref name="symbol"/> in <paramref name="direction"/> with which the recalculated book keeps
    /// the limit, starting from the units covering <paramref name="amount"/>, at most the units covering <paramref name="most"/>.
    /// </summary>
    private TradeSuggestion Sized(
        SessionMarket market, LimitCheck check, PositionSymbol symbol, string currency, int direction, double amount, double most, Func<string, double, string> explain)
    {
        var probe = calculator.With(market, symbol, currency, 1m);
        var unit = probe.Positions[^1];
        if (probe.Positions.Count == market.After.Positions.Count || unit.DollarDelta == 0 || direction == 0)
        {
            return new TradeSuggestion(check.Limit, check.Threshold, check.Actual, null, null, false, $"No stored price for {symbol.Symbol}, so no trade in it can be sized.");
        }

        var perShare = Math.Abs(unit.DollarDelta);
        LimitCheck Recalculated(long quantity) =>
            calculator.Figures(market.Portfolio, market.Snapshot, calculator.With(market, symbol, currency, direction * quantity)).Limits.Single(l => l.Limit == check.Limit);

        var maximum = HedgeSizing.UnitsCovering(most, perShare) + 1;
        var found = HedgeSizing.SmallestInside(q => !Recalculated(q).Breached, HedgeSizing.UnitsCovering(amount, perShare), maximum);
        var quantity = found ?? maximum;
        var side = direction > 0 ? TradeInput.Buy : TradeInput.Sell;
        var resulting = Recalculated(quantity).Actual;
        var trade = new SuggestedTrade(symbol.Symbol, side, quantity, Money.Ratio(unit.UnitPrice));
        var text = $"{side} {quantity.ToString(CultureInfo.InvariantCulture)} {symbol.Symbol}";
        var explanation = explain(text, perShare) + (found is null
            ? $". Even {text} leaves it at {resulting.ToString("0.##", CultureInfo.InvariantCulture)}, still over the limit: this instrument cannot bring it inside alone."
            : $". Recalculated with it, the figure is {resulting.ToString("0.##", CultureInfo.InvariantCulture)}, inside the limit of {check.Threshold.ToString("0.##", CultureInfo.InvariantCulture)}.");
        return new TradeSuggestion(check.Limit, check.Threshold, check.Actual, trade, resulting, found is not null, explanation);
    }

    private static (PositionSymbol Symbol, string Currency) LargestOfSign(SessionMarket market, int sign)
    {
        var name = market.After.Positions.GroupBy(p => p.Position.Underlying, StringComparer.Ordinal)
            .Select(g => (Underlying: g.Key, Delta: g.Sum(p => p.DollarDelta), Currency: g.First().Position.Currency))
            .OrderByDescending(g => sign * g.Delta).ThenBy(g => g.Underlying, StringComparer.Ordinal).First();
        _ = PositionSymbol.TryParse(name.Underlying, out var symbol, out _);
        return (symbol!, name.Currency);
    }

    private static string Amount(double value) => value.ToString("N2", CultureInfo.InvariantCulture);

    private static string Amount(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);
}
