using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Deals.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DealMarketPricesAndTickerChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "deal_market_prices",
                schema: "deals",
                columns: table => new
                {
                    deal_id = table.Column<Guid>(type: "uuid", nullable: false),
                    target_ticker = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    target_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    target_price = table.Column<decimal>(type: "numeric", nullable: true),
                    target_as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acquirer_ticker = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    acquirer_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    acquirer_price = table.Column<decimal>(type: "numeric", nullable: true),
                    acquirer_as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deal_market_prices", x => x.deal_id);
                });

            migrationBuilder.CreateTable(
                name: "ticker_checks",
                schema: "deals",
                columns: table => new
                {
                    ticker = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_check_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticker_checks", x => x.ticker);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ticker_checks_next_check_at",
                schema: "deals",
                table: "ticker_checks",
                column: "next_check_at",
                filter: "status = 'unverified'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deal_market_prices",
                schema: "deals");

            migrationBuilder.DropTable(
                name: "ticker_checks",
                schema: "deals");
        }
    }
}
