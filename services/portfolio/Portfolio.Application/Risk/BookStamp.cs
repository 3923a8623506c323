using Microsoft.EntityFrameworkCore;
using Portfolio.Application.Persistence;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Risk;

/// <summary>
/// What a portfolio's valuation depends on, read in one query: the portfolio row, its live positions and
/// strategies (count and the sum of their row versions, so any insert, update, soft delete or raw-SQL tag
/// rename changes it), the market data version (bumped by triggers on every table of market data that
/// changes rows) and the valuation day. Two equal stamps mean the same figures.
/// </summary>
/// <remarks>
/// Read before the data it guards: under read committed the data read afterwards is at least as new, so a
/// result cached under a stamp is never older than the stamp says.
/// </remarks>
internal static class BookStamp
{
    public static async Task<string> ReadAsync(PortfolioDb db, InvestmentPortfolio portfolio, DateOnly today, CancellationToken cancellationToken)
    {
        var parts = await db.Database.SqlQuery<StampParts>(
            $"""
            SELECT (SELECT version FROM portfolio.market_versions WHERE id = 1) AS "Market",
                   p.count AS "Positions", p.sum AS "PositionVersions", s.count AS "Strategies", s.sum AS "StrategyVersions"
            FROM (SELECT count(*) AS count, coalesce(sum(xmin::text::bigint), 0)::bigint AS sum
                  FROM portfolio.positions WHERE portfolio_id = {portfolio.Id} AND deleted_at IS NULL) p,
                 (SELECT count(*) AS count, coalesce(sum(xmin::text::bigint), 0)::bigint AS sum
                  FROM portfolio.strategies WHERE portfolio_id = {portfolio.Id}) s
            """).SingleAsync(cancellationToken);
        return $"{portfolio.Id:N}.{portfolio.Version}.{parts.Market}.{parts.Positions}.{parts.PositionVersions}.{parts.Strategies}.{parts.StrategyVersions}.{today:yyyyMMdd}";
    }

    private sealed record StampParts(long? Market, long Positions, long PositionVersions, long Strategies, long StrategyVersions);
}
