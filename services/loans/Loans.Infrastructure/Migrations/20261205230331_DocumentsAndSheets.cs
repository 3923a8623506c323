using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Loans.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DocumentsAndSheets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "booking_sheets",
                schema: "loans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entries = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_booking_sheets", x => x.id);
                    table.ForeignKey(
                        name: "fk_booking_sheets_loan_bookings_booking_id",
                        column: x => x.booking_id,
                        principalSchema: "loans",
                        principalTable: "loan_bookings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "extracted_fields",
                schema: "loans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    field = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    confidence = table.Column<decimal>(type: "numeric(4,3)", precision: 4, scale: 3, nullable: false),
                    page = table.Column<int>(type: "integer", nullable: true),
                    snippet = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    engine = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_extracted_fields", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "loan_documents",
                schema: "loans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    storage_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    uploaded_by = table.Column<Guid>(type: "uuid", nullable: false),
                    extraction_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    extraction_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    extracted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    page_count = table.Column<int>(type: "integer", nullable: true),
                    fields_found = table.Column<int>(type: "integer", nullable: true),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loan_documents", x => x.id);
                    table.ForeignKey(
                        name: "fk_loan_documents_loan_bookings_booking_id",
                        column: x => x.booking_id,
                        principalSchema: "loans",
                        principalTable: "loan_bookings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sheet_corrections",
                schema: "loans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    booking_id = table.Column<Guid>(type: "uuid", nullable: false),
                    field = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    before = table.Column<string[]>(type: "text[]", nullable: false),
                    after = table.Column<string[]>(type: "text[]", nullable: false),
                    corrected_by = table.Column<Guid>(type: "uuid", nullable: false),
                    corrected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    request_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sheet_corrections", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_booking_sheets_booking_id",
                schema: "loans",
                table: "booking_sheets",
                column: "booking_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_extracted_fields_document_id",
                schema: "loans",
                table: "extracted_fields",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "ix_loan_documents_booking_id_sha256",
                schema: "loans",
                table: "loan_documents",
                columns: new[] { "booking_id", "sha256" },
                unique: true,
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_sheet_corrections_booking_id_corrected_at",
                schema: "loans",
                table: "sheet_corrections",
                columns: new[] { "booking_id", "corrected_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "booking_sheets",
                schema: "loans");

            migrationBuilder.DropTable(
                name: "extracted_fields",
                schema: "loans");

            migrationBuilder.DropTable(
                name: "loan_documents",
                schema: "loans");

            migrationBuilder.DropTable(
                name: "sheet_corrections",
                schema: "loans");
        }
    }
}
