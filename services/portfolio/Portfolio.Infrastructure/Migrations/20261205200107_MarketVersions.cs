using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class MarketVersions : Migration
    {
        private static readonly string[] MarketTables = ["close_prices", "fx_rates", "option_volatilities", "instruments"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "market_versions",
                schema: "portfolio",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_versions", x => x.id);
                });

            migrationBuilder.InsertData(
                schema: "portfolio",
                table: "market_versions",
                columns: new[] { "id", "version" },
                values: new object[] { 1, 0L });

            // Every statement that changes market data rows bumps the version, whoever runs it (the sync,
            // price events, a backfill, an operator's SQL): cached valuations key on it. Transition tables
            // let an upsert that changed nothing leave the version (and so the caches) alone. The bump is
            // an UPDATE of one row, so it becomes visible exactly when the change commits.
            migrationBuilder.Sql("""
                CREATE FUNCTION portfolio.bump_market_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM changed) THEN
                        UPDATE portfolio.market_versions SET version = version + 1 WHERE id = 1;
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            foreach (var table in MarketTables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_inserted AFTER INSERT ON portfolio.{table} REFERENCING NEW TABLE AS changed
                        FOR EACH STATEMENT EXECUTE FUNCTION portfolio.bump_market_version();
                    CREATE TRIGGER {table}_updated AFTER UPDATE ON portfolio.{table} REFERENCING NEW TABLE AS changed
                        FOR EACH STATEMENT EXECUTE FUNCTION portfolio.bump_market_version();
                    CREATE TRIGGER {table}_deleted AFTER DELETE ON portfolio.{table} REFERENCING OLD TABLE AS changed
                        FOR EACH STATEMENT EXECUTE FUNCTION portfolio.bump_market_version();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in MarketTables)
            {
                migrationBuilder.Sql($"""
                    DROP TRIGGER {table}_inserted ON portfolio.{table};
                    DROP TRIGGER {table}_updated ON portfolio.{table};
                    DROP TRIGGER {table}_deleted ON portfolio.{table};
                    """);
            }

            migrationBuilder.Sql("DROP FUNCTION portfolio.bump_market_version();");
            migrationBuilder.DropTable(
                name: "market_versions",
                schema: "portfolio");
        }
    }
}
