using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MarketData.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "marketdata");

            migrationBuilder.CreateSequence(
                name: "outbox_messages_sequence",
                schema: "marketdata");

            migrationBuilder.CreateTable(
                name: "assets",
                schema: "marketdata",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    symbol = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    exchange = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    sector = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    industry = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_log",
                schema: "marketdata",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    entity_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    entity_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    request_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    changes = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fx_rates",
                schema: "marketdata",
                columns: table => new
                {
                    base_currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    quote_currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    rate = table.Column<decimal>(type: "numeric(20,10)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fx_rates", x => new { x.base_currency, x.quote_currency, x.date });
                });

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                schema: "marketdata",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    message_type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "job_schedules",
                schema: "marketdata",
                columns: table => new
                {
                    job_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    cron = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    time_zone_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    parameters = table.Column<string>(type: "jsonb", nullable: false),
                    next_run_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_run_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_job_id = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_schedules", x => x.job_type);
                });

            migrationBuilder.CreateTable(
                name: "jobs",
                schema: "marketdata",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    business_date = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    parameters = table.Column<string>(type: "jsonb", nullable: false),
                    requested_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    items_done = table.Column<int>(type: "integer", nullable: false),
                    items_total = table.Column<int>(type: "integer", nullable: true),
                    item_errors = table.Column<string>(type: "jsonb", nullable: false),
                    item_error_count = table.Column<int>(type: "integer", nullable: false),
                    timeout = table.Column<TimeSpan>(type: "interval", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    lease_owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lease_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jobs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "marketdata",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    aggregate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    trace_parent = table.Column<string>(type: "character varying(55)", maxLength: 55, nullable: true),
                    trace_state = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "option_quotes",
                schema: "marketdata",
                columns: table => new
                {
                    asset_id = table.Column<Guid>(type: "uuid", nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    expiry = table.Column<DateOnly>(type: "date", nullable: false),
                    strike = table.Column<decimal>(type: "numeric(18,6)", nullable: false),
                    right = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    bid = table.Column<decimal>(type: "numeric(18,6)", nullable: true),
                    ask = table.Column<decimal>(type: "numeric(18,6)", nullable: true),
                    last = table.Column<decimal>(type: "numeric(18,6)", nullable: true),
                    implied_volatility = table.Column<decimal>(type: "numeric(12,8)", nullable: true),
                    open_interest = table.Column<long>(type: "bigint", nullable: true),
                    underlying_price = table.Column<decimal>(type: "numeric(18,6)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_option_quotes", x => new { x.asset_id, x.as_of, x.expiry, x.strike, x.right });
                    table.ForeignKey(
                        name: "fk_option_quotes_assets_asset_id",
                        column: x => x.asset_id,
                        principalSchema: "marketdata",
                        principalTable: "assets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "quotes",
                schema: "marketdata",
                columns: table => new
                {
                    asset_id = table.Column<Guid>(type: "uuid", nullable: false),
                    price = table.Column<decimal>(type: "numeric(18,6)", nullable: false),
                    previous_close = table.Column<decimal>(type: "numeric(18,6)", nullable: false),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quotes", x => x.asset_id);
                    table.ForeignKey(
                        name: "fk_quotes_assets_asset_id",
                        column: x => x.asset_id,
                        principalSchema: "marketdata",
                        principalTable: "assets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "refresh_states",
                schema: "marketdata",
                columns: table => new
                {
                    asset_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_succeeded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refresh_states", x => x.asset_id);
                    table.ForeignKey(
                        name: "fk_refresh_states_assets_asset_id",
                        column: x => x.asset_id,
                        principalSchema: "marketdata",
                        principalTable: "assets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_assets_symbol",
                schema: "marketdata",
                table: "assets",
                column: "symbol",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_assets_type_sector",
                schema: "marketdata",
                table: "assets",
                columns: new[] { "type", "sector" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_entity_type_entity_id_occurred_at",
                schema: "marketdata",
                table: "audit_log",
                columns: new[] { "entity_type", "entity_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_processed_at",
                schema: "marketdata",
                table: "inbox_messages",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "ix_job_schedules_next_run_at",
                schema: "marketdata",
                table: "job_schedules",
                column: "next_run_at",
                filter: "enabled");

            migrationBuilder.CreateIndex(
                name: "ix_jobs_queued",
                schema: "marketdata",
                table: "jobs",
                column: "created_at",
                filter: "status = 'queued'");

            migrationBuilder.CreateIndex(
                name: "ix_jobs_running_lease",
                schema: "marketdata",
                table: "jobs",
                column: "lease_expires_at",
                filter: "status = 'running'");

            migrationBuilder.CreateIndex(
                name: "ix_jobs_type_created_at",
                schema: "marketdata",
                table: "jobs",
                columns: new[] { "type", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ux_jobs_pending_per_business_date",
                schema: "marketdata",
                table: "jobs",
                columns: new[] { "type", "business_date" },
                unique: true,
                filter: "status IN ('queued', 'running')");

            migrationBuilder.CreateIndex(
                name: "ix_option_quotes_as_of",
                schema: "marketdata",
                table: "option_quotes",
                column: "as_of");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_pending",
                schema: "marketdata",
                table: "outbox_messages",
                column: "sequence",
                filter: "published_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_pending_by_aggregate",
                schema: "marketdata",
                table: "outbox_messages",
                columns: new[] { "aggregate_id", "sequence" },
                filter: "published_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_published",
                schema: "marketdata",
                table: "outbox_messages",
                column: "published_at",
                filter: "published_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_quotes_updated_at",
                schema: "marketdata",
                table: "quotes",
                column: "updated_at");

            // Daily bars: partitioned by range of date, a partition per year, which EF cannot model
            // (the entity is excluded from migrations). The primary key (asset_id, date) is the index
            // every history query uses; partitions are created ahead by the service (BarPartitions).
            // No foreign key to assets: assets are never deleted, and a per-row check would slow the
            // bulk upsert for nothing.
            migrationBuilder.Sql("""
                CREATE TABLE marketdata.daily_bars (
                    asset_id uuid NOT NULL,
                    date date NOT NULL,
                    open numeric(18,6) NOT NULL,
                    high numeric(18,6) NOT NULL,
                    low numeric(18,6) NOT NULL,
                    close numeric(18,6) NOT NULL,
                    adjusted_close numeric(18,6) NOT NULL,
                    volume bigint NOT NULL,
                    CONSTRAINT pk_daily_bars PRIMARY KEY (asset_id, date)
                ) PARTITION BY RANGE (date);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE marketdata.daily_bars;");

            migrationBuilder.DropTable(
                name: "audit_log",
                schema: "marketdata");

            migrationBuilder.DropTable(
                name: "fx_rates",
                schema: "marketdata");

            migrationBuilder.DropTable(
                name: "inbox_messages",
                schema: "marketdata");

            migrationBuilder.DropTable(
                name: "job_schedules",
                schema: "marketdata");

            migrationBuilder.DropTable(
                name: "jobs",
                schema: "marketdata");

            migrationBuilder.DropTable(
                name: "option_quotes",
                schema: "marketdata");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "marketdata");

            migrationBuilder.DropTable(
                name: "quotes",
                schema: "marketdata");

            migrationBuilder.DropTable(
                name: "refresh_states",
                schema: "marketdata");

            migrationBuilder.DropTable(
                name: "assets",
                schema: "marketdata");

            migrationBuilder.DropSequence(
                name: "outbox_messages_sequence",
                schema: "marketdata");
        }
    }
}
