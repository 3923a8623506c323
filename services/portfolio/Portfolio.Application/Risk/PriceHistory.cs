using Microsoft.EntityFrameworkCore;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Risk;

/// <summary>
/// Adjusted closes of several symbols on one calendar of dates (every date any of them traded, oldest
/// first). A symbol with no close on a date carries its previous close forward, so its return that day
/// is zero rather than a jump over the gap; before its first close it has none (NaN, never read as a price).
/// </summary>
public sealed class PriceHistory
{
    private readonly Dictionary<string, double[]> _closes;
    // The stored closes by symbol, so cutting a book's symbols out of a shared history (the nightly batch values
    // every portfolio from one history) costs the size of the book, not of everything held.
    private readonly Dictionary<string, StoredClose[]> _rowsBySymbol;
    private readonly int _days;
    // The symbols it was loaded for, closes or not: a symbol outside them is unknown here, not "never traded".
    private readonly HashSet<string> _requested;

    private PriceHistory(
        IReadOnlyList<DateOnly> dates, Dictionary<string, double[]> closes, Dictionary<string, StoredClose[]> rowsBySymbol, int days, HashSet<string> requested)
    {
        Dates = dates;
        _closes = closes;
        _rowsBySymbol = rowsBySymbol;
        _days = days;
        _requested = requested;
    }

    private sealed record StoredClose(string Symbol, DateOnly Date, double AdjustedClose);

    public IReadOnlyList<DateOnly> Dates { get; }

    public bool Has(string symbol) => _closes.ContainsKey(symbol);

    /// <summary>
    /// Whether it was loaded for every one of <paramref name="symbols"/> over exactly <paramref name="days"/> days, so
    /// <see cref="For"/> can stand in for loading them. Exactly, not "at least": <see cref="For"/> keeps this history's
    /// window, so a caller asking for a shorter one would be handed a longer one.
    /// </summary>
    public bool Covers(IEnumerable<string> symbols, int days) => days == _days && symbols.All(_requested.Contains);

    /// <summary>
    /// The last <paramref name="count"/> daily simple returns of <paramref name="symbol"/> (oldest first), or fewer
    /// when the common history is shorter; zero where the symbol had not started trading.
    /// </summary>
    public double[] Returns(string symbol, int count)
    {
        var n = Math.Min(count, Math.Max(Dates.Count - 1, 0));
        var returns = new double[n];
        if (!_closes.TryGetValue(symbol, out var closes))
        {
            return returns;
        }

        var start = Dates.Count - n;
        for (var i = 0; i < n; i++)
        {
            var (before, after) = (closes[start + i - 1], closes[start + i]);
            returns[i] = double.IsNaN(before) || before <= 0 || double.IsNaN(after) ? 0.0 : (after / before) - 1.0;
        }

        return returns;
    }

    /// <summary>How many daily returns <paramref name="symbol"/> really has (both closes known) in the last <paramref name="count"/>.</summary>
    public int KnownReturns(string symbol, int count)
    {
        if (!_closes.TryGetValue(symbol, out var closes))
        {
            return 0;
        }

        var n = Math.Min(count, Math.Max(Dates.Count - 1, 0));
        var known = 0;
        for (var i = Dates.Count - n; i < Dates.Count; i++)
        {
            known += double.IsNaN(closes[i - 1]) ? 0 : 1;
        }

        return known;
    }

    /// <summary>The close of <paramref name="symbol"/> on the last date at or before <paramref name="date"/>; null when there is none.</summary>
    public double? CloseOn(string symbol, DateOnly date)
    {
        if (!_closes.TryGetValue(symbol, out var closes))
        {
            return null;
        }

        var index = BinarySearchAtOrBefore(date);
        return index < 0 || double.IsNaN(closes[index]) ? null : closes[index];
    }

    /// <summary>
    /// The same closes on the calendar of <paramref name="symbols"/> alone: the dates on which at least one of
    /// them closed. The risk of a book must not depend on which other symbols (factor proxies) were loaded with it.
    /// </summary>
    public PriceHistory For(IReadOnlyCollection<string> symbols)
    {
        var wanted = symbols.Where(_requested.Contains).ToHashSet(StringComparer.Ordinal);
        return Build([.. wanted.SelectMany(s => _rowsBySymbol.TryGetValue(s, out var rows) ? rows : [])], _days, wanted);
    }

    /// <summary>Returns of <paramref name="symbol"/> between consecutive <paramref name="dates"/> (closes carried forward); zero where it has no close yet.</summary>
    public double[] ReturnsOn(string symbol, IReadOnlyList<DateOnly> dates)
    {
        var returns = new double[Math.Max(dates.Count - 1, 0)];
        for (var i = 1; i < dates.Count; i++)
        {
            var (before, after) = (CloseOn(symbol, dates[i - 1]), CloseOn(symbol, dates[i]));
            returns[i - 1] = before is > 0 && after is { } a ? (a / before.Value) - 1.0 : 0.0;
        }

        return returns;
    }

    public static async Task<PriceHistory> LoadAsync(PortfolioDb db, string[] symbols, int days, CancellationToken cancellationToken)
    {
        // The newest close of each symbol by one backward probe of the key each (a plain max() scanned every close).
        var last = (await db.Database.SqlQuery<DateOnly>(
            $"""
            SELECT c.date AS "Value" FROM unnest({symbols}) AS s(symbol)
            CROSS JOIN LATERAL (SELECT p.date FROM portfolio.close_prices p WHERE p.symbol = s.symbol ORDER BY p.date DESC LIMIT 1) AS c
            """).ToListAsync(cancellationToken)).Select(d => (DateOnly?)d).Max();
        var requested = symbols.ToHashSet(StringComparer.Ordinal);
        if (last is null)
        {
            return Build([], days, requested);
        }

        // Calendar days that hold the trading days asked for, with room for holidays.
        var since = last.Value.AddDays(-(days * 7 / 5) - 10);
        var rows = await db.Closes.AsNoTracking()
            .Where(c => symbols.Contains(c.Symbol) && c.Date >= since)
            .Select(c => new StoredClose(c.Symbol, c.Date, (double)c.AdjustedClose))
            .ToListAsync(cancellationToken);
        return Build(rows, days, requested);
    }

    private static PriceHistory Build(List<StoredClose> rows, int days, HashSet<string> requested)
    {
        var dates = rows.Select(r => r.Date).Distinct().Order().ToList();
        var index = dates.Select((date, i) => (date, i)).ToDictionary(x => x.date, x => x.i);
        var closes = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var bySymbol = new Dictionary<string, StoredClose[]>(StringComparer.Ordinal);
        foreach (var symbol in rows.GroupBy(r => r.Symbol, StringComparer.Ordinal))
        {
            bySymbol[symbol.Key] = [.. symbol];
            var series = new double[dates.Count];
            Array.Fill(series, double.NaN);
            foreach (var row in symbol)
            {
                series[index[row.Date]] = row.AdjustedClose;
            }

            for (var i = 1; i < series.Length; i++)
            {
                if (double.IsNaN(series[i]))
                {
                    series[i] = series[i - 1];
                }
            }

            closes[symbol.Key] = series;
        }

        // Keep at most the days asked for (plus the one before the first return).
        var keep = Math.Min(dates.Count, days + 1);
        var skip = dates.Count - keep;
        return new PriceHistory(dates.Skip(skip).ToList(), closes.ToDictionary(c => c.Key, c => c.Value[skip..], StringComparer.Ordinal), bySymbol, days, requested);
    }

    private int BinarySearchAtOrBefore(DateOnly date)
    {
        var (low, high, found) = (0, Dates.Count - 1, -1);
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (Dates[mid] <= date)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return found;
    }
}
