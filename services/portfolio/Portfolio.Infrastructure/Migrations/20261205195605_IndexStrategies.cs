using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class IndexStrategies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "ix_index_strategies_owner_id_name",
                schema: "portfolio",
                table: "index_strategies",
                columns: new[] { "owner_id", "name" },
                unique: true,
                filter: "deleted_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "index_strategies",
                schema: "portfolio");
        }
    }
}
