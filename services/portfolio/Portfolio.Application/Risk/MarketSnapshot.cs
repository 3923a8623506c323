using Microsoft.EntityFrameworkCore;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Risk;

/// <summary>A symbol's latest stored close and its date.</summary>
public sealed record LatestClose(string Symbol, DateOnly Date, decimal Close, string Currency);

/// <summary>
/// The market as the service's own copy holds it for one calculation: latest closes, FX to the base
/// currency, sectors, and, when asked for, aligned daily history. Read once, so every figure of a
/// calculation uses the same prices, and their dates are recorded with it.
/// </summary>
public sealed class MarketSnapshot
{
    public required IReadOnlyDictionary<string, LatestClose> Closes { get; init; }
    public required IReadOnlyDictionary<string, string?> Sectors { get; init; }

    /// <summary>Units of base currency per unit of each currency held (1 for the base itself), with the date of the rate.</summary>
    public required IReadOnlyDictionary<string, (double Rate, DateOnly? Date)> FxToBase { get; init; }

    public PriceHistory? History { get; init; }

    /// <summary>Implied volatilities of listed contracts, from marketdata's latest chains (empty when none is stored).</summary>
    public IReadOnlyDictionary<(string Underlying, DateOnly Expiry, decimal Strike, string Right), double> ImpliedVolatilities { get; init; } =
        new Dictionary<(string, DateOnly, decimal, string), double>();

    public DateOnly AsOf => Closes.Count == 0 ? DateOnly.MinValue : Closes.Values.Max(c => c.Date);

    public static async Task<MarketSnapshot> LoadAsync(
        PortfolioDb db, IReadOnlyCollection<string> symbols, IReadOnlyCollection<string> currencies, string baseCurrency,
        IReadOnlyCollection<string> historySymbols, int historyDays, IReadOnlyCollection<string> optionUnderlyings, CancellationToken cancellationToken,
        PriceHistory? runHistory = null)
    {
        var symbolArray = symbols.ToArray();
        var volatilities = optionUnderlyings.Count == 0
            ? []
            : await db.OptionVolatilities.AsNoTracking().Where(v => optionUnderlyings.Contains(v.Underlying)).ToListAsync(cancellationToken);
        // One backward probe of the (symbol, date) key per symbol: DISTINCT ON read and sorted every stored close
        // of the symbols (82–119 ms for 72 symbols × 3 years, spilling to disk; this takes 2–4 ms; docs/benchmarks.md).
        var closes = await db.Database.SqlQuery<LatestClose>(
            $"""
            SELECT c.symbol AS "Symbol", c.date AS "Date", c.close AS "Close", c.currency AS "Currency"
            FROM unnest({symbolArray}) AS s(symbol)
            CROSS JOIN LATERAL (
                SELECT p.symbol, p.date, p.close, p.currency FROM portfolio.close_prices p
                WHERE p.symbol = s.symbol ORDER BY p.date DESC LIMIT 1) AS c
            """).ToDictionaryAsync(c => c.Symbol, StringComparer.Ordinal, cancellationToken);
        var sectors = await db.Instruments.AsNoTracking().Where(i => symbolArray.Contains(i.Symbol))
            .ToDictionaryAsync(i => i.Symbol, i => i.Sector, StringComparer.Ordinal, cancellationToken);
        var fx = new Dictionary<string, (double, DateOnly?)>(StringComparer.Ordinal) { [baseCurrency] = (1.0, null) };
        foreach (var currency in currencies.Where(c => c != baseCurrency).Distinct(StringComparer.Ordinal))
        {
            if (await LatestRateAsync(db, currency, baseCurrency, cancellationToken) is { } rate)
            {
                fx[currency] = rate;
            }
        }

        return new MarketSnapshot
        {
            Closes = closes,
            Sectors = sectors,
            FxToBase = fx,
            ImpliedVolatilities = volatilities.ToDictionary(v => (v.Underlying, v.Expiry, v.Strike, v.Right), v => (double)v.ImpliedVolatility),
            History = historyDays <= 0 || historySymbols.Count == 0 ? null
                // A batch's run-wide history holds these symbols over the same window: cut out on their own calendar,
                // it is what loading them here would give, without reading the same closes once per portfolio.
                // A symbol it was not loaded for (bought since the run began) is read here instead.
                : runHistory is not null && runHistory.Covers(historySymbols, historyDays) ? runHistory.For(historySymbols)
                : await PriceHistory.LoadAsync(db, [.. historySymbols], historyDays, cancellationToken),
        };
    }

    // Stored either way round (marketdata answers the pair asked for, and another portfolio may have asked the inverse).
    private static async Task<(double, DateOnly?)?> LatestRateAsync(PortfolioDb db, string from, string to, CancellationToken cancellationToken)
    {
        var direct = await db.FxRates.AsNoTracking().Where(r => r.BaseCurrency == from && r.QuoteCurrency == to)
            .OrderByDescending(r => r.Date).FirstOrDefaultAsync(cancellationToken);
        var inverse = await db.FxRates.AsNoTracking().Where(r => r.BaseCurrency == to && r.QuoteCurrency == from && r.Rate > 0)
            .OrderByDescending(r => r.Date).FirstOrDefaultAsync(cancellationToken);
        return (direct, inverse) switch
        {
            ({ } d, { } i) when i.Date > d.Date => (1.0 / (double)i.Rate, i.Date),
            ({ } d, _) => ((double)d.Rate, d.Date),
            (null, { } i) => (1.0 / (double)i.Rate, i.Date),
            _ => null,
        };
    }
}
