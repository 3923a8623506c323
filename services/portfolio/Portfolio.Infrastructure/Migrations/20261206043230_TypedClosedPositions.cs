using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class TypedClosedPositions : Migration
    {
        /// <summary>
        /// The archive of replaced positions becomes typed: <c>closed_at</c>, <c>closed_by</c>, then the columns of
        /// <c>positions</c> as they are (Portfolio.Application/Positions/ClosedPositions.cs says why). The rows the
        /// jsonb archive holds are carried over, column by column, by name (the function in FROM, not "(f(x)).*",
        /// which PostgreSQL would call once per column).
        /// </summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE portfolio.closed_positions RENAME TO closed_positions_jsonb;
                ALTER INDEX portfolio.pk_closed_positions RENAME TO pk_closed_positions_jsonb;
                ALTER INDEX portfolio.ix_closed_positions_portfolio_id_closed_at RENAME TO ix_closed_positions_jsonb_portfolio_id_closed_at;
                CREATE TABLE portfolio.closed_positions (
                    closed_at timestamp with time zone NOT NULL,
                    closed_by character varying(200),
                    LIKE portfolio.positions INCLUDING DEFAULTS);
                CREATE INDEX ix_closed_positions_portfolio_id_closed_at ON portfolio.closed_positions (portfolio_id, closed_at);
                INSERT INTO portfolio.closed_positions
                SELECT j.closed_at, j.closed_by, r.*
                FROM portfolio.closed_positions_jsonb j
                CROSS JOIN LATERAL jsonb_populate_record(NULL::portfolio.positions, j.position) r;
                DROP TABLE portfolio.closed_positions_jsonb;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE portfolio.closed_positions RENAME TO closed_positions_typed;
                ALTER INDEX portfolio.ix_closed_positions_portfolio_id_closed_at RENAME TO ix_closed_positions_typed_portfolio_id_closed_at;
                CREATE TABLE portfolio.closed_positions (
                    id uuid NOT NULL CONSTRAINT pk_closed_positions PRIMARY KEY,
                    portfolio_id uuid NOT NULL,
                    closed_at timestamp with time zone NOT NULL,
                    closed_by character varying(200),
                    position jsonb NOT NULL);
                CREATE INDEX ix_closed_positions_portfolio_id_closed_at ON portfolio.closed_positions (portfolio_id, closed_at);
                INSERT INTO portfolio.closed_positions (id, portfolio_id, closed_at, closed_by, position)
                SELECT t.id, t.portfolio_id, t.closed_at, t.closed_by,
                       to_jsonb(t) - 'closed_at' - 'closed_by' || jsonb_build_object('deleted_at', t.closed_at)
                FROM portfolio.closed_positions_typed t;
                DROP TABLE portfolio.closed_positions_typed;
                """);
        }
    }
}
