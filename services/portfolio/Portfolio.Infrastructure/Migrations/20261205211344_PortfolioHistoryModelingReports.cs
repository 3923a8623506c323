using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PortfolioHistoryModelingReports : Migration
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
                name: "index_strategies",
                schema: "portfolio",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    symbols = table.Column<string[]>(type: "varchar(12)[]", nullable: false),
                    weighting = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    volatility_window = table.Column<int>(type: "integer", nullable: false),
                    weight_cap = table.Column<decimal>(type: "numeric(9,6)", precision: 9, scale: 6, nullable: false),
                    max_turnover = table.Column<decimal>(type: "numeric(9,6)", precision: 9, scale: 6, nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_index_strategies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "modeling_scenarios",
                schema: "portfolio",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    portfolio_id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    trade_count = table.Column<int>(type: "integer", nullable: false),
                    trades = table.Column<string>(type: "jsonb", nullable: false),
                    impacts = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_modeling_scenarios", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "modeling_sessions",
                schema: "portfolio",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    portfolio_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    trades = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_modeling_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_modeling_sessions_portfolios_portfolio_id",
                        column: x => x.portfolio_id,
                        principalSchema: "portfolio",
                        principalTable: "portfolios",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "reports",
                schema: "portfolio",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    portfolio_id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_by = table.Column<Guid>(type: "uuid", nullable: false),
                    from = table.Column<DateOnly>(type: "date", nullable: false),
                    to = table.Column<DateOnly>(type: "date", nullable: false),
                    job_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reports", x => x.id);
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

            migrationBuilder.CreateTable(
                name: "trade_exports",
                schema: "portfolio",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scenario_id = table.Column<Guid>(type: "uuid", nullable: true),
                    session_id = table.Column<Guid>(type: "uuid", nullable: true),
                    format = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    trade_count = table.Column<int>(type: "integer", nullable: false),
                    storage_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trade_exports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "report_files",
                schema: "portfolio",
                columns: table => new
                {
                    report_id = table.Column<Guid>(type: "uuid", nullable: false),
                    format = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    storage_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_files", x => new { x.report_id, x.format });
                    table.ForeignKey(
                        name: "fk_report_files_reports_report_id",
                        column: x => x.report_id,
                        principalSchema: "portfolio",
                        principalTable: "reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_batch_items_job_id",
                schema: "portfolio",
                table: "batch_items",
                column: "job_id");

            migrationBuilder.CreateIndex(
                name: "ix_index_strategies_owner_id_name",
                schema: "portfolio",
                table: "index_strategies",
                columns: new[] { "owner_id", "name" },
                unique: true,
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_modeling_scenarios_owner_id_created_at",
                schema: "portfolio",
                table: "modeling_scenarios",
                columns: new[] { "owner_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_modeling_sessions_expires_at",
                schema: "portfolio",
                table: "modeling_sessions",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_modeling_sessions_owner_id_created_at",
                schema: "portfolio",
                table: "modeling_sessions",
                columns: new[] { "owner_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_modeling_sessions_portfolio_id",
                schema: "portfolio",
                table: "modeling_sessions",
                column: "portfolio_id");

            migrationBuilder.CreateIndex(
                name: "ix_portfolio_snapshots_business_date",
                schema: "portfolio",
                table: "portfolio_snapshots",
                column: "business_date");

            migrationBuilder.CreateIndex(
                name: "ix_reports_job_id",
                schema: "portfolio",
                table: "reports",
                column: "job_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reports_requested_by_created_at",
                schema: "portfolio",
                table: "reports",
                columns: new[] { "requested_by", "created_at" });

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

            migrationBuilder.CreateIndex(
                name: "ix_trade_exports_owner_id_created_at",
                schema: "portfolio",
                table: "trade_exports",
                columns: new[] { "owner_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "batch_items",
                schema: "portfolio");

            migrationBuilder.DropTable(
                name: "index_strategies",
                schema: "portfolio");

            migrationBuilder.DropTable(
                name: "modeling_scenarios",
                schema: "portfolio");

            migrationBuilder.DropTable(
                name: "modeling_sessions",
                schema: "portfolio");

            migrationBuilder.DropTable(
                name: "portfolio_snapshots",
                schema: "portfolio");

            migrationBuilder.DropTable(
                name: "report_files",
                schema: "portfolio");

            migrationBuilder.DropTable(
                name: "snapshot_archives",
                schema: "portfolio");

            migrationBuilder.DropTable(
                name: "trade_exports",
                schema: "portfolio");

            migrationBuilder.DropTable(
                name: "reports",
                schema: "portfolio");
        }
    }
}
