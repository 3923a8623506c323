using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Deals.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class StoreEnumsAsCamelCaseText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Enum columns were PascalCase text; the platform convention is the API's camelCase. Only
            // the first letter changes, so lengths and sort order stay the same. No Designer change:
            // the converter is not part of the model snapshot, the stored words are.
            migrationBuilder.Sql("""
                UPDATE deals.deals SET
                    type = lower(left(type, 1)) || substr(type, 2),
                    stage = lower(left(stage, 1)) || substr(stage, 2),
                    review_status = lower(left(review_status, 1)) || substr(review_status, 2),
                    consideration = CASE WHEN consideration IS NULL THEN NULL
                                         ELSE lower(left(consideration, 1)) || substr(consideration, 2) END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE deals.deals SET
                    type = upper(left(type, 1)) || substr(type, 2),
                    stage = upper(left(stage, 1)) || substr(stage, 2),
                    review_status = upper(left(review_status, 1)) || substr(review_status, 2),
                    consideration = CASE WHEN consideration IS NULL THEN NULL
                                         ELSE upper(left(consideration, 1)) || substr(consideration, 2) END;
                """);
        }
    }
}
