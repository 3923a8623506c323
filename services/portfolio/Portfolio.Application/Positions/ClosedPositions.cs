using Microsoft.EntityFrameworkCore;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Positions;

/// <summary>
/// The archive of positions an upload replaced: <c>portfolio.closed_positions</c> is <c>closed_at</c> and
/// <c>closed_by</c> followed by every column of <c>positions</c>, in the same order and of the same types
/// (migration <c>TypedClosedPositions</c>; a migration that adds a column to <c>positions</c> adds it here too,
/// and <c>ClosedPositionsSchemaTests</c> fails until it does). It is written by SQL only, never through the
/// model: nothing in the service reads it back; it is kept for audit.
/// </summary>
public static class ClosedPositions
{
    /// <summary>
    /// Moves every live position of the portfolio out of <c>positions</c> into <c>closed_positions</c>, in the
    /// caller's transaction; returns how many. Why moved and why typed (docs/benchmarks.md, "Portfolio service"):
    /// marking them deleted in place wrote a new tuple with entries in all five indexes of <c>positions</c>
    /// (1.7–2.4 s for 100,000 rows, and a live table that grew by every replaced file); the first archive kept
    /// each row as jsonb, and building 100,000 jsonb values and their two index entries cost 2.1 s more than the
    /// delete. Rows copied as they are, into a table with one index, cost about 0.4 s more than the delete.
    /// </summary>
    public static Task<int> CloseAllAsync(this PortfolioDb db, Guid portfolioId, DateTimeOffset now, string? closedBy, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            WITH moved AS (
                DELETE FROM portfolio.positions p WHERE p.portfolio_id = {portfolioId} AND p.deleted_at IS NULL RETURNING p.*)
            INSERT INTO portfolio.closed_positions
            SELECT {now}, {closedBy}, moved.* FROM moved
            """,
            cancellationToken);
}
