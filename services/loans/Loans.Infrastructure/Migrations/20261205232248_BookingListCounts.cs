using Microsoft.EntityFrameworkCore.Migrations;
using Platform.Persistence;

#nullable disable

namespace Loans.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class BookingListCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_loan_bookings_status",
                schema: "loans",
                table: "loan_bookings",
                column: "status",
                filter: "deleted_at IS NULL");

            // Hand-added: a version bumped by every transaction that writes bookings, so list totals
            // can be cached under it and stay exact (ListCounts, LoansDb.BookingListVersionTable).
            migrationBuilder.CreateListVersion("loans", "loan_bookings", "booking_list_version");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropListVersion("loans", "loan_bookings", "booking_list_version");
            migrationBuilder.DropIndex(
                name: "ix_loan_bookings_status",
                schema: "loans",
                table: "loan_bookings");
        }
    }
}
