using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PositionReferencesPerStatement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_positions_portfolios_portfolio_id",
                schema: "portfolio",
                table: "positions");

            migrationBuilder.DropForeignKey(
                name: "fk_positions_strategies_strategy_id",
                schema: "portfolio",
                table: "positions");

            migrationBuilder.Sql(Triggers);
        }

        /// <summary>
        /// What the two foreign keys did, a statement at a time: a position's portfolio and strategy must exist, and
        /// stay locked against deletion (FOR KEY SHARE) until the writing transaction ends; deleting a portfolio
        /// deletes its positions; deleting a strategy ungroups its positions. A foreign key does all this once per
        /// row, which made its checks more than a third of a 100,000-row upload (docs/benchmarks.md); here one
        /// set-based query per statement checks them all. Updates check only references that changed to a value,
        /// so a cascade that ungroups positions of a portfolio being deleted is not refused halfway.
        /// </summary>
        private const string Triggers = """
            CREATE FUNCTION portfolio.positions_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                portfolio_ids uuid[];
                strategy_ids uuid[];
            BEGIN
                -- The references to check: every one an insert writes, those an update changes to a value.
                IF TG_OP = 'INSERT' THEN
                    SELECT array_agg(DISTINCT n.portfolio_id),
                           array_agg(DISTINCT n.strategy_id) FILTER (WHERE n.strategy_id IS NOT NULL)
                    INTO portfolio_ids, strategy_ids FROM new_positions n;
                ELSE
                    SELECT array_agg(DISTINCT n.portfolio_id) FILTER (WHERE n.portfolio_id IS DISTINCT FROM o.portfolio_id),
                           array_agg(DISTINCT n.strategy_id) FILTER (WHERE n.strategy_id IS NOT NULL AND n.strategy_id IS DISTINCT FROM o.strategy_id)
                    INTO portfolio_ids, strategy_ids FROM new_positions n JOIN old_positions o ON o.id = n.id;
                END IF;

                -- As a foreign key does: lock what is referred to, then refuse if any of it is missing.
                IF (SELECT count(*) FROM (SELECT 1 FROM portfolio.portfolios p WHERE p.id = ANY (portfolio_ids) FOR KEY SHARE OF p) locked)
                   <> coalesce(cardinality(portfolio_ids), 0) THEN
                    RAISE EXCEPTION 'a position refers to a portfolio that does not exist'
                        USING ERRCODE = 'foreign_key_violation', SCHEMA = 'portfolio', TABLE = 'positions',
                              CONSTRAINT = 'fk_positions_portfolios_portfolio_id';
                END IF;
                IF (SELECT count(*) FROM (SELECT 1 FROM portfolio.strategies s WHERE s.id = ANY (strategy_ids) FOR KEY SHARE OF s) locked)
                   <> coalesce(cardinality(strategy_ids), 0) THEN
                    RAISE EXCEPTION 'a position refers to a strategy that does not exist'
                        USING ERRCODE = 'foreign_key_violation', SCHEMA = 'portfolio', TABLE = 'positions',
                              CONSTRAINT = 'fk_positions_strategies_strategy_id';
                END IF;
                RETURN NULL;
            END $$;

            CREATE FUNCTION portfolio.portfolios_delete_positions() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM portfolio.positions p USING deleted_portfolios d WHERE p.portfolio_id = d.id;
                RETURN NULL;
            END $$;

            CREATE FUNCTION portfolio.strategies_ungroup_positions() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE portfolio.positions p SET strategy_id = NULL FROM deleted_strategies d WHERE p.strategy_id = d.id;
                RETURN NULL;
            END $$;

            CREATE TRIGGER positions_references_on_insert AFTER INSERT ON portfolio.positions
                REFERENCING NEW TABLE AS new_positions FOR EACH STATEMENT EXECUTE FUNCTION portfolio.positions_check_references();
            CREATE TRIGGER positions_references_on_update AFTER UPDATE ON portfolio.positions
                REFERENCING OLD TABLE AS old_positions NEW TABLE AS new_positions FOR EACH STATEMENT
                EXECUTE FUNCTION portfolio.positions_check_references();
            CREATE TRIGGER portfolios_delete_positions AFTER DELETE ON portfolio.portfolios
                REFERENCING OLD TABLE AS deleted_portfolios FOR EACH STATEMENT EXECUTE FUNCTION portfolio.portfolios_delete_positions();
            CREATE TRIGGER strategies_ungroup_positions AFTER DELETE ON portfolio.strategies
                REFERENCING OLD TABLE AS deleted_strategies FOR EACH STATEMENT EXECUTE FUNCTION portfolio.strategies_ungroup_positions();
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER positions_references_on_insert ON portfolio.positions;
                DROP TRIGGER positions_references_on_update ON portfolio.positions;
                DROP TRIGGER portfolios_delete_positions ON portfolio.portfolios;
                DROP TRIGGER strategies_ungroup_positions ON portfolio.strategies;
                DROP FUNCTION portfolio.positions_check_references();
                DROP FUNCTION portfolio.portfolios_delete_positions();
                DROP FUNCTION portfolio.strategies_ungroup_positions();
                """);

            migrationBuilder.AddForeignKey(
                name: "fk_positions_portfolios_portfolio_id",
                schema: "portfolio",
                table: "positions",
                column: "portfolio_id",
                principalSchema: "portfolio",
                principalTable: "portfolios",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_positions_strategies_strategy_id",
                schema: "portfolio",
                table: "positions",
                column: "strategy_id",
                principalSchema: "portfolio",
                principalTable: "strategies",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }
    }
}
