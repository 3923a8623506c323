using Microsoft.EntityFrameworkCore;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Reports;

/// <summary>A portfolio's figures at the end of one day.</summary>
public sealed record HistoryPoint(DateOnly Date, DateTimeOffset CalculatedAt, DateOnly AsOf, decimal MarketValue, decimal GrossExposure, decimal NetExposure, decimal ValueAtRisk, decimal DollarDelta);

/// <summary>
/// The history reports chart and list, one point per day: the nightly batch's snapshot of that business date
/// where there is one, otherwise the last recorded risk calculation of that UTC day (a portfolio calculated
/// on demand before the batch ever ran still has a history). The one place that knows where history comes from.
/// </summary>
public static class ReportHistory
{
    /// <summary>At most this many days (the longest period a report may cover).</summary>
    public const int MaxDays = 1830;

    public static async Task<IReadOnlyList<HistoryPoint>> ReadAsync(PortfolioDb db, Guid portfolioId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return await db.Database.SqlQuery<HistoryPoint>($"""
            WITH snapshots AS (
                SELECT business_date AS "Date", computed_at AS "CalculatedAt", as_of AS "AsOf",
                       market_value AS "MarketValue", gross_exposure AS "GrossExposure", net_exposure AS "NetExposure",
                       value_at_risk99_one_day AS "ValueAtRisk", dollar_delta AS "DollarDelta"
                FROM portfolio.portfolio_snapshots
                WHERE portfolio_id = {portfolioId} AND business_date >= {from} AND business_date <= {to}
            ), calculations AS (
                SELECT DISTINCT ON ((calculated_at AT TIME ZONE 'UTC')::date)
                       (calculated_at AT TIME ZONE 'UTC')::date AS "Date", calculated_at AS "CalculatedAt", as_of AS "AsOf",
                       market_value AS "MarketValue", gross_exposure AS "GrossExposure", net_exposure AS "NetExposure",
                       value_at_risk99_one_day AS "ValueAtRisk", dollar_delta AS "DollarDelta"
                FROM portfolio.risk_calculations
                WHERE portfolio_id = {portfolioId} AND calculated_at >= {start} AND calculated_at < {end}
                ORDER BY (calculated_at AT TIME ZONE 'UTC')::date, calculated_at DESC, id DESC
            )
            SELECT * FROM snapshots
            UNION ALL
            SELECT * FROM calculations c WHERE NOT EXISTS (SELECT 1 FROM snapshots s WHERE s."Date" = c."Date")
            ORDER BY "Date"
            LIMIT {MaxDays}
            """).ToListAsync(cancellationToken);
    }
}
