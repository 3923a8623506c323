using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Application.Positions;
using Portfolio.Application.Risk;
using Portfolio.Domain.Modeling;
using Portfolio.Domain.Portfolios;
using Portfolio.Domain.Positions;

namespace Portfolio.Application.Modeling;

/// <summary>
/// A session's portfolio valued twice at one snapshot: as stored (before) and with the session's trades booked
/// as positions (after). <see cref="Hedge"/> is the hedge instrument, one unit of it, valued at the same snapshot.
/// </summary>
public sealed record SessionMarket(
    ModelingSession Session, InvestmentPortfolio Portfolio, MarketSnapshot Snapshot, ValuedBook Before, ValuedBook After,
    IReadOnlyDictionary<Guid, Position> TradePositions, PositionSymbol HedgeSymbol, string HedgeCurrency);

/// <summary>
/// Impacts are the risk engine's own figures: the trades become in-memory positions, valued by
/// <see cref="PortfolioValuation"/> with the stored ones (<see cref="PortfolioMarketLoader.LoadMarketAsync"/>), and both
/// books go through <see cref="ExposureReport"/>, <see cref="GreeksReport"/>, <see cref="RiskAnalysis"/> and
/// <see cref="RiskLimitChecks"/> exactly as a recorded calculation does.
/// </summary>
public sealed class ImpactCalculator(PortfolioDb db, IOptions<RiskOptions> riskOptions, IOptions<ModelingOptions> modelingOptions, TimeProvider clock)
{
    public async Task<Result<SessionMarket>> LoadAsync(ICurrentUser user, Guid sessionId, string? hedge, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var session = await db.FindOwnSessionAsync(caller.Value, sessionId, clock.GetUtcNow(), cancellationToken);
        if (!session.IsSuccess)
        {
            return session.Error!;
        }

        var portfolio = await db.FindReadableAsync(caller.Value, session.Value.PortfolioId, cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio.Error!;
        }

        if (!PositionSymbol.TryParse(hedge ?? modelingOptions.Value.HedgeSymbol, out var hedgeSymbol, out var hedgeError) || hedgeSymbol.Option is not null)
        {
            return Error.Validation(new Dictionary<string, string[]> { ["hedge"] = [hedgeError ?? "The hedge is a ticker, not an option."] });
        }

        var symbols = session.Value.Trades.Select(t => PositionSymbol.TryParse(t.Symbol, out var s, out _) ? s : null).ToList();
        var underlyings = symbols.Where(s => s is not null).Select(s => s!.Underlying).Append(hedgeSymbol.Underlying).Distinct(StringComparer.Ordinal).ToList();
        var currencies = await db.Instruments.AsNoTracking().Where(i => underlyings.Contains(i.Symbol))
            .ToDictionaryAsync(i => i.Symbol, i => i.Currency, StringComparer.Ordinal, cancellationToken);
        string CurrencyOf(string underlying) => currencies.GetValueOrDefault(underlying) ?? portfolio.Value.BaseCurrency;

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var trades = new Dictionary<Guid, Position>();
        for (var i = 0; i < symbols.Count; i++)
        {
            if (symbols[i] is { } symbol)
            {
                var trade = session.Value.Trades[i];
                trades[trade.Id] = Book(portfolio.Value, symbol, trade.Quantity, trade.Price ?? 0m, today, CurrencyOf(symbol.Underlying));
            }
        }

        // One unit of the hedge rides along so the snapshot holds its close and FX; it is in neither book.
        var hedgeCurrency = CurrencyOf(hedgeSymbol.Underlying);
        var probe = Book(portfolio.Value, hedgeSymbol, 1m, 0m, today, hedgeCurrency);
        var market = await db.LoadMarketAsync(portfolio.Value, riskOptions.Value, withHistory: true, clock, cancellationToken, [.. trades.Values], [probe]);
        var tradeIds = trades.Values.Select(p => p.Id).ToHashSet();
        var after = Without(market.Book, id => id == probe.Id);
        var before = Without(after, tradeIds.Contains);
        return new SessionMarket(session.Value, portfolio.Value, market.Snapshot, before, after, trades, hedgeSymbol, hedgeCurrency);
    }

    /// <summary>A book's figures as a recorded calculation computes them.</summary>
    public BookFigures Figures(InvestmentPortfolio portfolio, MarketSnapshot snapshot, ValuedBook book)
    {
        var exposure = ExposureReport.Of(portfolio.Id, portfolio.BaseCurrency, book);
        var greeks = GreeksReport.Sum(book.Positions);
        var risk = book.Positions.Count > 0 ? RiskAnalysis.Compute(book, snapshot.History!, riskOptions.Value) : null;
        var valueAtRisk = risk is null ? 0m : RiskAnalysis.OneDay99(risk.Historical);
        var limits = RiskLimitChecks.Check(portfolio.Limits, exposure.Total, greeks, exposure.LargestName, valueAtRisk);
        return new BookFigures(book.Positions.Count, exposure.Total, exposure.LargestName, greeks, valueAtRisk, risk, limits);
    }

    public ImpactReport Report(SessionMarket market)
    {
        var before = Figures(market.Portfolio, market.Snapshot, market.Before);
        var after = Figures(market.Portfolio, market.Snapshot, market.After);
        var valued = market.After.Positions.ToDictionary(p => p.Position.Id);
        var trades = market.Session.Trades.Select(t =>
            market.TradePositions.TryGetValue(t.Id, out var position) && valued.TryGetValue(position.Id, out var v)
                ? new TradeImpact(t.Id, t.Symbol, t.Quantity, true, Money.Ratio(v.UnitPrice), Money.Round(v.MarketValue), Money.Round(v.DollarDelta))
                : new TradeImpact(t.Id, t.Symbol, t.Quantity, false, null, null, null)).ToList();
        var limits = before.Limits.Zip(after.Limits, (b, a) =>
            new LimitImpact(a.Limit, a.Threshold, b.Actual, a.Actual, b.Threshold - b.Actual, a.Threshold - a.Actual, b.Breached, a.Breached)).ToList();
        return new ImpactReport(market.Session.Id, market.Portfolio.Id, market.Portfolio.BaseCurrency, market.After.AsOf, clock.GetUtcNow(),
            before, after, Change(before, after), limits, trades, market.After.Unpriced);
    }

    /// <summary>The stored book plus <paramref name="extra"/> of <paramref name="symbol"/> (signed), valued at the session's snapshot.</summary>
    public ValuedBook With(SessionMarket market, PositionSymbol symbol, string currency, decimal extra)
    {
        var position = Book(market.Portfolio, symbol, extra, 0m, market.After.AsOf, currency);
        var valued = PortfolioValuation.Value([position], new Dictionary<Guid, string>(), market.Snapshot, riskOptions.Value, market.After.AsOf);
        return new ValuedBook([.. market.After.Positions, .. valued.Positions], market.After.Unpriced, market.After.AsOf);
    }

    private static Position Book(InvestmentPortfolio portfolio, PositionSymbol symbol, decimal quantity, decimal price, DateOnly date, string currency) =>
        Position.Open(portfolio, PositionTermsBuilder.Build(symbol, quantity, price, date, currency, null, [], null, null, currency));

    private static ValuedBook Without(ValuedBook book, Func<Guid, bool> left) =>
        new([.. book.Positions.Where(p => !left(p.Position.Id))], [.. book.Unpriced.Where(u => !left(u.PositionId))], book.AsOf);

    private static ImpactChange Change(BookFigures b, BookFigures a)
    {
        var beforeBetas = b.Risk?.Factors.Betas.ToDictionary(f => f.Factor, f => f.Beta) ?? [];
        var afterBetas = a.Risk?.Factors.Betas.ToDictionary(f => f.Factor, f => f.Beta) ?? [];
        var factors = beforeBetas.Keys.Union(afterBetas.Keys).Select(f =>
        {
            decimal? was = beforeBetas.TryGetValue(f, out var x) ? x : null;
            decimal? now = afterBetas.TryGetValue(f, out var y) ? y : null;
            return new FactorChange(f, was, now, now - was);
        }).ToList();
        return new ImpactChange(
            a.Exposure.MarketValue - b.Exposure.MarketValue, a.Exposure.Long - b.Exposure.Long, a.Exposure.Short - b.Exposure.Short,
            a.Exposure.Net - b.Exposure.Net, a.Exposure.Gross - b.Exposure.Gross, a.Exposure.Notional - b.Exposure.Notional,
            a.Greeks.DollarDelta - b.Greeks.DollarDelta, a.Greeks.DollarGamma - b.Greeks.DollarGamma, a.Greeks.Vega - b.Greeks.Vega,
            a.Greeks.Theta - b.Greeks.Theta, a.Greeks.Rho - b.Greeks.Rho,
            a.ValueAtRisk - b.ValueAtRisk, a.Risk?.BetaToMarket - b.Risk?.BetaToMarket, factors);
    }
}
