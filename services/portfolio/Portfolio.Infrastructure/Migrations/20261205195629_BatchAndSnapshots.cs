using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class BatchAndSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "batch_items",
                schema: "portfolio",
                columns: table => new
                {
                    job_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    business_date = table.Column<DateOnly>(type: "date", nullable: false),
                    portfolio_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    job_id = table.Column<Guid>(type: "uuid", nullable: false),
                    worker = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_batch_items", x => new { x.job_type, x.business_date, x.portfolio_id });
                });

            migrationBuilder.CreateTable(
                name: "portfolio_snapshots",
                schema: "portfolio",
                columns: table => new
                {
                    portfolio_id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_date = table.Column<DateOnly>(type: "date", nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    positions = table.Column<int>(type: "integer", nullable: false),
                    unpriced = table.Column<int>(type: "integer", nullable: false),
                    market_value = table.Column<decimal>(type: "numeric(24,6)", nullable: false),
                    profit_and_loss_day = table.Column<decimal>(type: "numeric(24,6)", nullable: false),
                    profit_and_loss_since_inception = table.Column<decimal>(type: "numeric(24,6)", nullable: false),
                    gross_exposure = table.Column<decimal>(type: "numeric(24,6)", nullable: false),
                    net_exposure = table.Column<decimal>(type: "numeric(24,6)", nullable: false),
                    long_exposure = table.Column<decimal>(type: "numeric(24,6)", nullable: false),
                    short_exposure = table.Column<decimal>(type: "numeric(24,6)", nullable: false),
                    dollar_delta = table.Column<decimal>(type: "numeric(24,6)", nullable: false),
                    dollar_gamma = table.Column<decimal>(type: "numeric(24,6)", nullable: false),
                    vega = table.Column<decimal>(type: "numeric(24,6)", nullable: false),
                    theta = table.Column<decimal>(type: "numeric(24,6)", nullable: false),
                    rho = table.Column<decimal>(type: "numeric(24,6)", nullable: false),
                    value_at_risk99_one_day = table.Column<decimal>(type: "numeric(24,6)", nullable: false),
                    beta_to_market = table.Column<decimal>(type: "numeric(18,6)", nullable: true),
                    factor_betas = table.Column<string>(type: "jsonb", nullable: false),
                    job_id = table.Column<Guid>(type: "uuid", nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_portfolio_snapshots", x => new { x.portfolio_id, x.business_date });
                });

            migrationBuilder.CreateTable(
                name: "snapshot_archives",
                schema: "portfolio",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    document_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    from_date = table.Column<DateOnly>(type: "date", nullable: false),
                    to_date = table.Column<DateOnly>(type: "date", nullable: false),
                    row_count = table.Column<int>(type: "integer", nullable: false),
                    bytes = table.Column<long>(type: "bigint", nullable: false),
                    job_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_snapshot_archives", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_batch_items_job_id",
                schema: "portfolio",
                table: "batch_items",
                column: "job_id");

            migrationBuilder.CreateIndex(
                name: "ix_portfolio_snapshots_business_date",
                schema: "portfolio",
                table: "portfolio_snapshots",
                column: "business_date");

            migrationBuilder.CreateIndex(
                name: "ix_snapshot_archives_document_key",
                schema: "portfolio",
                table: "snapshot_archives",
                column: "document_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_snapshot_archives_from_date_to_date",
                schema: "portfolio",
                table: "snapshot_archives",
                columns: new[] { "from_date", "to_date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "batch_items",
                schema: "portfolio");

            migrationBuilder.DropTable(
                name: "portfolio_snapshots",
                schema: "portfolio");

            migrationBuilder.DropTable(
                name: "snapshot_archives",
                schema: "portfolio");
        }
    }
}
