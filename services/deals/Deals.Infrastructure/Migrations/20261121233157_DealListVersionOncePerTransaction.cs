using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Deals.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DealListVersionOncePerTransaction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Bump once per transaction, not once per statement: EF Core inserts an import row by row,
            // and updating one row thousands of times in a transaction walks an ever longer version
            // chain. One bump is enough: the new version becomes visible with the commit, as do the rows.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION deals.bump_deal_list_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF current_setting('deals.list_version_bumped_in', true) IS DISTINCT FROM txid_current()::text THEN
                        UPDATE deals.deal_list_version SET version = version + 1 WHERE id = 1;
                        PERFORM set_config('deals.list_version_bumped_in', txid_current()::text, true);
                    END IF;
                    RETURN NULL;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION deals.bump_deal_list_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE deals.deal_list_version SET version = version + 1 WHERE id = 1;
                    RETURN NULL;
                END $$;
                """);
        }
    }
}
