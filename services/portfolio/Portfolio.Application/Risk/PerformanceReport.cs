using Portfolio.Domain.Pricing;

namespace Portfolio.Application.Risk;

/// <summary>P&amp;L of the positions held now over a period, and as a return on their absolute value at its start.</summary>
public sealed record PeriodPerformance(string Period, DateOnly From, decimal ProfitAndLoss, decimal Return);

/// <summary>
/// How the current positions did: today, month to date, year to date (each from the last close before the
/// period, or from the entry price for a position entered during it), and since inception (market value
/// minus cost). Prices are adjusted closes, so dividends count; options are repriced at each date's spot.
/// <see cref="Statistics"/> are of the book's daily P&amp;L over the factor window, as a return on gross exposure.
/// </summary>
public sealed record PerformanceReport(
    Guid PortfolioId,
    string Currency,
    DateOnly AsOf,
    decimal MarketValue,
    decimal CostBasis,
    IReadOnlyList<PeriodPerformance> Periods,
    PerformanceStatisticsView Statistics,
    IReadOnlyList<UnpricedPosition> Unpriced)
{
    public static PerformanceReport Of(Guid portfolioId, string currency, ValuedBook book, PriceHistory history, RiskOptions options, PerformanceStatisticsView statistics)
    {
        var asOf = book.AsOf;
        var dayStart = history.Dates.LastOrDefault(d => d < asOf);
        var periods = new List<PeriodPerformance>
        {
            Period("day", dayStart == default ? asOf : dayStart, book, history, options),
            Period("monthToDate", new DateOnly(asOf.Year, asOf.Month, 1).AddDays(-1), book, history, options),
            Period("yearToDate", new DateOnly(asOf.Year, 1, 1).AddDays(-1), book, history, options),
        };
        var marketValue = book.Positions.Sum(p => p.MarketValue);
        var cost = book.Positions.Sum(p => p.CostBasis);
        var inceptionBase = book.Positions.Sum(p => Math.Abs(p.CostBasis));
        periods.Add(new PeriodPerformance("sinceInception", book.Positions.Count == 0 ? asOf : book.Positions.Min(p => p.Position.EntryDate),
            Money.Round(marketValue - cost), inceptionBase == 0 ? 0m : Money.Ratio((marketValue - cost) / inceptionBase)));
        return new PerformanceReport(portfolioId, currency, asOf, Money.Round(marketValue), Money.Round(cost), periods, statistics, book.Unpriced);
    }

    /// <summary>P&amp;L from the close of <paramref name="from"/> (the last close of the day before the period) to now.</summary>
    private static PeriodPerformance Period(string name, DateOnly from, ValuedBook book, PriceHistory history, RiskOptions options)
    {
        double pnl = 0, start = 0;
        foreach (var p in book.Positions)
        {
            var entered = p.Position.EntryDate > from;
            double startValue;
            if (entered)
            {
                startValue = p.CostBasis;
            }
            else if (history.CloseOn(p.Position.Underlying, from) is { } spot)
            {
                startValue = p.Units * p.Fx * UnitPriceAt(p, spot, from, book.AsOf, options);
            }
            else
            {
                // No close that far back: the position counts from its entry.
                startValue = p.CostBasis;
            }

            pnl += p.MarketValue - startValue;
            start += Math.Abs(startValue);
        }

        return new PeriodPerformance(name, from, Money.Round(pnl), start == 0 ? 0m : Money.Ratio(pnl / start));
    }

    private static double UnitPriceAt(ValuedPosition p, double spot, DateOnly date, DateOnly asOf, RiskOptions options)
    {
        if (p.Position.Option is not { } option)
        {
            return spot;
        }

        var years = p.TimeToExpiry + ((asOf.DayNumber - date.DayNumber) / 365.0);
        return BlackScholes.Price(new OptionContract(option.Right, spot, (double)option.Strike, years, options.RiskFreeRate, options.DividendYield, p.Volatility));
    }
}
