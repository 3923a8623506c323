using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Deals.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DealListVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // One row whose version moves with every write to deals.deals, in the writer's own
            // transaction (statement trigger): list totals cached under a version are exact (ListCounts).
            migrationBuilder.Sql("""
                CREATE TABLE deals.deal_list_version (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
                INSERT INTO deals.deal_list_version (id, version) VALUES (1, 0);
                CREATE FUNCTION deals.bump_deal_list_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE deals.deal_list_version SET version = version + 1 WHERE id = 1;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER deals_bump_list_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON deals.deals
                    FOR EACH STATEMENT EXECUTE FUNCTION deals.bump_deal_list_version();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER deals_bump_list_version ON deals.deals;
                DROP FUNCTION deals.bump_deal_list_version();
                DROP TABLE deals.deal_list_version;
                """);
        }
    }
}
