using Microsoft.EntityFrameworkCore;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Risk;

/// <summary>A portfolio whose prices moved since its last calculation; one row however many times it moved.</summary>
public sealed class RevaluationMarkRow
{
    public Guid PortfolioId { get; set; }
    public DateTimeOffset MarkedAt { get; set; }
}

public static class RevaluationMarks
{
    /// <summary>Marks every live portfolio holding one of <paramref name="underlyings"/>; returns how many.</summary>
    public static Task<int> MarkForRevaluationAsync(this PortfolioDb db, IReadOnlyCollection<string> underlyings, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO portfolio.revaluation_marks (portfolio_id, marked_at)
            SELECT DISTINCT p.portfolio_id, {now} FROM portfolio.positions p
            JOIN portfolio.portfolios f ON f.id = p.portfolio_id AND f.deleted_at IS NULL
            WHERE p.deleted_at IS NULL AND p.underlying = ANY({underlyings.ToArray()})
            ON CONFLICT (portfolio_id) DO UPDATE SET marked_at = excluded.marked_at
            """,
            cancellationToken);

    /// <summary>
    /// Takes up to <paramref name="limit"/> marks off the table (SKIP LOCKED: replicas take different ones).
    /// A mark taken is gone: a calculation that then fails is logged and the next price update marks the portfolio again.
    /// </summary>
    public static Task<List<Guid>> TakeMarksAsync(this PortfolioDb db, int limit, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<Guid>(
            $"""
            DELETE FROM portfolio.revaluation_marks WHERE portfolio_id IN (
                SELECT portfolio_id FROM portfolio.revaluation_marks ORDER BY marked_at LIMIT {limit} FOR UPDATE SKIP LOCKED)
            RETURNING portfolio_id AS "Value"
            """).ToListAsync(cancellationToken);
}
