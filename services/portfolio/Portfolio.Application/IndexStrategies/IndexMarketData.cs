using System.Data;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.SharedKernel;
using Portfolio.Application.Market;
using Portfolio.Application.Persistence;
using Portfolio.Domain.IndexStrategies;

namespace Portfolio.Application.IndexStrategies;

/// <summary>Where a basket symbol's stored closes start and end, and the currency they are in.</summary>
public sealed class SymbolCoverage
{
    public string Symbol { get; set; } = "";
    public DateOnly? First { get; set; }
    public DateOnly? Last { get; set; }
    public string? Currency { get; set; }
}

/// <summary>One stored close as the simulation streams them, by date: the symbol by its place in the basket.</summary>
public readonly record struct StreamedClose(DateOnly Date, int Name, decimal Close);

/// <summary>
/// What a simulation reads from the service's copy of market data: how far each symbol's closes reach
/// (fetching from marketdata, once, the history of a symbol with none stored), the FX rates of each
/// currency to the simulation's, and the closes themselves as a stream ordered by date.
/// </summary>
public sealed class IndexMarketData(PortfolioDb db, MarketDataClient marketData, TimeProvider clock)
{
    /// <summary>History fetched for a basket symbol the service holds no closes of: marketdata's ten years.</summary>
    public const int HistoryYears = 10;

    public async Task<Result<IReadOnlyList<SymbolCoverage>>> CoverageAsync(string[] symbols, CancellationToken cancellationToken)
    {
        var coverage = await ProbeAsync(symbols, cancellationToken);
        var missing = coverage.Where(c => c.First is null).Select(c => c.Symbol).ToList();
        if (missing.Count == 0)
        {
            return coverage;
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (await marketData.HistoryAsync(missing, today.AddYears(-HistoryYears), today, cancellationToken) is not { } history)
        {
            return IndexStrategyErrors.HistoryUnavailable(missing);
        }

        await db.UpsertAsync([.. history.Series.SelectMany(s => s.Closes.Select(c => new ClosePriceRow
        {
            Symbol = s.Symbol, Date = c.Date, Close = c.Close, AdjustedClose = c.AdjustedClose, Currency = s.Currency, UpdatedAt = now,
        }))], cancellationToken);
        coverage = await ProbeAsync(symbols, cancellationToken);
        missing = [.. coverage.Where(c => c.First is null).Select(c => c.Symbol)];
        return missing.Count == 0 ? coverage : IndexStrategyErrors.NoHistory(missing);
    }

    /// <summary>
    /// Rates to <paramref name="target"/> of each other currency from <paramref name="from"/> on (and the last one
    /// before it), stored either way round; a pair with none stored is asked of marketdata once.
    /// </summary>
    public async Task<Result<IReadOnlyDictionary<string, FxSeries>>> FxAsync(IEnumerable<string> currencies, string target, DateOnly from, CancellationToken cancellationToken)
    {
        var series = new Dictionary<string, FxSeries>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var currency in currencies.Where(c => c != target).Distinct(StringComparer.Ordinal))
        {
            var rates = await RatesAsync(currency, target, from, cancellationToken);
            if (rates.Count == 0 && await marketData.FxAsync(currency, target, cancellationToken) is { } rate)
            {
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO portfolio.fx_rates (base_currency, quote_currency, date, rate) VALUES ({rate.Base}, {rate.Quote}, {rate.Date}, {rate.Rate}) ON CONFLICT DO NOTHING",
                    cancellationToken);
                rates = await RatesAsync(currency, target, from, cancellationToken);
            }

            if (rates.Count == 0)
            {
                missing.Add($"{currency}/{target}");
                continue;
            }

            series[currency] = new FxSeries([.. rates.Keys], [.. rates.Values]);
        }

        return missing.Count == 0 ? series : IndexStrategyErrors.FxUnavailable(missing);
    }

    /// <summary>
    /// The closes of <paramref name="symbols"/> from <paramref name="from"/> on, oldest first, read from the data
    /// reader as they arrive (never all in memory). Each carries the symbol's index in <paramref name="symbols"/>,
    /// so a row costs no string lookup, through a plain data reader (no entity materialisation per row).
    /// </summary>
    public async IAsyncEnumerable<StreamedClose> ClosesAsync(string[] symbols, DateOnly from, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            // One branch per symbol, each an index range of (symbol, date): one scan with symbol = ANY(…) instead
            // filtered every row against the whole basket (4x the scan time at ten years of 50 names). PostgreSQL
            // still sorts the appended branches by date (docs/benchmarks.md, "Index strategy simulation").
            var branches = symbols.Select((_, i) =>
                $"(SELECT {i} AS name, date, adjusted_close FROM portfolio.close_prices WHERE symbol = @s{i} AND date >= @from)");
            await using var command = new NpgsqlCommand($"SELECT name, date, adjusted_close FROM ({string.Join(" UNION ALL ", branches)}) AS c ORDER BY date", connection);
            for (var i = 0; i < symbols.Length; i++)
            {
                command.Parameters.Add(new NpgsqlParameter($"s{i}", NpgsqlDbType.Varchar) { Value = symbols[i] });
            }

            command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = from });
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // Sequential access: the columns in order.
                var name = reader.GetInt32(0);
                yield return new StreamedClose(reader.GetFieldValue<DateOnly>(1), name, reader.GetDecimal(2));
            }
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private async Task<List<SymbolCoverage>> ProbeAsync(string[] symbols, CancellationToken cancellationToken) =>
        // The first and last close of each symbol by one probe of the key each way.
        await db.Database.SqlQuery<SymbolCoverage>(
            $"""
            SELECT s.symbol AS "Symbol", f.date AS "First", l.date AS "Last", trim(coalesce(i.currency, l.currency)) AS "Currency"
            FROM unnest({symbols}) AS s(symbol)
            LEFT JOIN portfolio.instruments i ON i.symbol = s.symbol
            LEFT JOIN LATERAL (SELECT p.date FROM portfolio.close_prices p WHERE p.symbol = s.symbol ORDER BY p.date LIMIT 1) AS f ON true
            LEFT JOIN LATERAL (SELECT p.date, p.currency FROM portfolio.close_prices p WHERE p.symbol = s.symbol ORDER BY p.date DESC LIMIT 1) AS l ON true
            """).ToListAsync(cancellationToken);

    // Stored either way round (marketdata answers the pair asked for; another caller may have asked the inverse). A direct rate wins a date.
    private async Task<SortedDictionary<DateOnly, double>> RatesAsync(string from, string to, DateOnly since, CancellationToken cancellationToken)
    {
        var pair = db.FxRates.AsNoTracking()
            .Where(r => r.Rate > 0 && ((r.BaseCurrency == from && r.QuoteCurrency == to) || (r.BaseCurrency == to && r.QuoteCurrency == from)))
            .Select(r => new { r.Date, Direct = r.BaseCurrency == from, r.Rate });
        var rows = await pair.Where(r => r.Date >= since).ToListAsync(cancellationToken);
        if (await pair.Where(r => r.Date < since).OrderByDescending(r => r.Date).FirstOrDefaultAsync(cancellationToken) is { } before)
        {
            rows.Add(before);
        }

        var rates = new SortedDictionary<DateOnly, double>();
        foreach (var row in rows.OrderBy(r => r.Direct))
        {
            rates[row.Date] = row.Direct ? (double)row.Rate : 1.0 / (double)row.Rate;
        }

        return rates;
    }
}

/// <summary>
/// A currency's rates to the simulation's currency by date. The rate of a day is the latest on or before
/// it; a day before the first stored rate takes the first (the copy keeps rates only from when the service
/// began asking for them, so an older simulation is valued at the earliest rate known, and says so).
/// </summary>
public sealed class FxSeries(DateOnly[] dates, double[] rates)
{
    private int _next;

    public DateOnly FirstDate => dates[0];

    public DateOnly LastDate => dates[^1];

    /// <summary>The rate on <paramref name="date"/>; dates must be asked in ascending order.</summary>
    public double On(DateOnly date)
    {
        while (_next < dates.Length && dates[_next] <= date)
        {
            _next++;
        }

        return rates[Math.Max(_next - 1, 0)];
    }
}
