using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OptionVolatilities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "option_volatilities",
                schema: "portfolio",
                columns: table => new
                {
                    underlying = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    expiry = table.Column<DateOnly>(type: "date", nullable: false),
                    strike = table.Column<decimal>(type: "numeric(18,6)", nullable: false),
                    right = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    implied_volatility = table.Column<decimal>(type: "numeric(12,8)", nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_option_volatilities", x => new { x.underlying, x.expiry, x.strike, x.right });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "option_volatilities",
                schema: "portfolio");
        }
    }
}
