using System.Text.Json;
using MarketData.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketData.Application.History;

/// <summary>
/// Closes of up to 500 symbols in one call, streamed: rows go from the database reader straight to
/// the response writer, symbol by symbol, so memory does not grow with the answer (ten years of 500
/// symbols is 1.26 million closes). Not a MediatR use case: the handler would have to buffer.
/// Validation and the unknown-symbol check happen before the first byte is written.
/// </summary>
public sealed class ManyHistoryReader(MarketDataDb db)
{
    public const int MaxSymbols = 500;

    /// <summary>The tracked assets among <paramref name="symbols"/>, and those that are not.</summary>
    public async Task<(Dictionary<string, (Guid Id, string Currency)> Known, List<string> Unknown)> ResolveAsync(IReadOnlyList<string> symbols, CancellationToken cancellationToken)
    {
        var known = await db.Assets.AsNoTracking().Where(a => symbols.Contains(a.Symbol))
            .Select(a => new { a.Symbol, a.Id, a.Currency })
            .ToDictionaryAsync(a => a.Symbol, a => (a.Id, a.Currency), StringComparer.Ordinal, cancellationToken);
        return (known, symbols.Where(s => !known.ContainsKey(s)).ToList());
    }

    /// <summary>
    /// Writes <c>{ "from", "to", "series": [ { "symbol", "currency", "closes": [ { "date", "close", "adjustedClose" } ] } ] }</c>,
    /// series in the order asked for.
    /// </summary>
    public async Task WriteAsync(Stream body, IReadOnlyList<string> symbols, Dictionary<string, (Guid Id, string Currency)> known, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        json.WriteString("from", from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("to", to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteStartArray("series");

        var ids = symbols.Select(s => known[s].Id).ToArray();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // One statement; ordinality keeps the caller's order, the key keeps dates in order within a symbol.
            await using var command = new NpgsqlCommand($"""
                SELECT s.ord, b.date, b.close, b.adjusted_close
                FROM unnest(@ids) WITH ORDINALITY AS s(id, ord)
                JOIN {MarketDataDb.Schema}.daily_bars b ON b.asset_id = s.id AND b.date BETWEEN @from AND @to
                ORDER BY s.ord, b.date
                """, connection);
            command.Parameters.AddWithValue("ids", ids);
            command.Parameters.AddWithValue("from", from);
            command.Parameters.AddWithValue("to", to);
            await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
            var next = 0; // index of the next series to open
            while (await reader.ReadAsync(cancellationToken))
            {
                var index = (int)reader.GetInt64(0) - 1;
                while (next <= index)
                {
                    if (next > 0)
                    {
                        CloseSeries(json);
                    }

                    OpenSeries(json, symbols[next], known[symbols[next]].Currency);
                    next++;
                }

                json.WriteStartObject();
                json.WriteString("date", reader.GetFieldValue<DateOnly>(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                json.WriteNumber("close", reader.GetDecimal(2));
                json.WriteNumber("adjustedClose", reader.GetDecimal(3));
                json.WriteEndObject();
                if (json.BytesPending > 16 * 1024)
                {
                    await json.FlushAsync(cancellationToken);
                }
            }

            // Symbols with no bar in the window still appear, with an empty list.
            for (; next < symbols.Count; next++)
            {
                if (next > 0)
                {
                    CloseSeries(json);
                }

                OpenSeries(json, symbols[next], known[symbols[next]].Currency);
            }

            if (symbols.Count > 0)
            {
                CloseSeries(json);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static void OpenSeries(Utf8JsonWriter json, string symbol, string currency)
    {
        json.WriteStartObject();
        json.WriteString("symbol", symbol);
        json.WriteString("currency", currency);
        json.WriteStartArray("closes");
    }

    private static void CloseSeries(Utf8JsonWriter json)
    {
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
