using Microsoft.EntityFrameworkCore;
using Portfolio.Application.Market;
using Portfolio.Application.Persistence;

namespace Portfolio.Tests.Risk;

/// <summary>
/// Puts known prices into the service's own market-data copy, as the sync would from marketdata: the
/// risk figures of these tests are then checked against numbers worked out by hand. Every test uses
/// symbols of its own, so tests running side by side never share a price.
/// </summary>
internal static class MarketSeed
{
    /// <summary>The last date of every seeded history: a Friday.</summary>
    public static readonly DateOnly LastDate = new(2026, 12, 4);

    /// <summary>Six characters, so it can also be an OCC option root.</summary>
    public static string NewSymbol() => "Z" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();

    /// <summary>Closes ending on <see cref="LastDate"/>, one per weekday, oldest first; adjusted = close.</summary>
    public static async Task SeedAsync(string symbol, string currency, IReadOnlyList<decimal> closes, string? sector = "Information Technology")
    {
        var dates = WeekdaysEndingOn(LastDate, closes.Count);
        await PortfolioService.Factory.WithDbAsync(async db =>
        {
            db.Instruments.Add(new InstrumentRow
            {
                Symbol = symbol, Name = $"{symbol} Inc.", Type = "equity", Sector = sector, Currency = currency,
                HistorySyncedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
            await db.UpsertAsync([.. closes.Select((close, i) => new ClosePriceRow
            {
                Symbol = symbol, Date = dates[i], Close = close, AdjustedClose = close, Currency = currency, UpdatedAt = DateTimeOffset.UtcNow,
            })], CancellationToken.None);
            return 0;
        });
    }

    /// <summary>Closes from a start price and a list of daily simple returns.</summary>
    public static List<decimal> FromReturns(decimal start, params decimal[] returns)
    {
        var closes = new List<decimal> { start };
        foreach (var r in returns)
        {
            closes.Add(closes[^1] * (1 + r));
        }

        return closes;
    }

    public static async Task SeedFxAsync(string from, string to, decimal rate) =>
        await PortfolioService.Factory.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO portfolio.fx_rates (base_currency, quote_currency, date, rate) VALUES ({from}, {to}, {LastDate}, {rate}) ON CONFLICT DO NOTHING");
            return 0;
        });

    public static List<DateOnly> WeekdaysEndingOn(DateOnly last, int count)
    {
        var dates = new List<DateOnly>();
        for (var date = last; dates.Count < count; date = date.AddDays(-1))
        {
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                dates.Add(date);
            }
        }

        dates.Reverse();
        return dates;
    }
}
