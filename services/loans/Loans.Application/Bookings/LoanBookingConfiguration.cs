using Loans.Application.Persistence;
using Loans.Domain.Bookings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;

namespace Loans.Application.Bookings;

internal sealed class LoanBookingConfiguration : IEntityTypeConfiguration<LoanBooking>
{
    /// <summary>Database sequence behind booking numbers (LB-000123).</summary>
    public const string NumberSequence = "loan_booking_numbers";

    public const string NextNumberSql = "SELECT nextval('loans.loan_booking_numbers') AS \"Value\"";

    /// <summary>Shadow column: the borrower's words, for the list's borrower filter.</summary>
    public const string BorrowerSearch = "BorrowerSearch";

    public void Configure(EntityTypeBuilder<LoanBooking> booking)
    {
        booking.ToTable("LoanBookings");
        booking.HasKey(b => b.Id);
        booking.Ignore(b => b.Terms);
        booking.Ignore(b => b.Reference);
        booking.HasIndex(b => b.Number).IsUnique();
        booking.Property(b => b.Borrower).HasMaxLength(LoanTermsRules.BorrowerMaxLength);
        booking.Property(b => b.ProductCode).HasMaxLength(32);
        booking.Property(b => b.Currency).HasMaxLength(3).IsFixedLength();
        booking.Property(b => b.Principal).HasPrecision(15, 2);
        booking.Property(b => b.FixedRatePercent).HasPrecision(7, 4);
        booking.Property(b => b.DecisionComment).HasMaxLength(LoanBookingErrors.CommentMaxLength);
        foreach (var name in new[] { nameof(LoanBooking.Status), nameof(LoanBooking.RateType), nameof(LoanBooking.Benchmark), nameof(LoanBooking.FacilityType), nameof(LoanBooking.RepaymentFrequency) })
        {
            booking.Property(name).HasMaxLength(24);
        }

        booking.Property(b => b.Fees).AsJsonList();
        booking.Property(b => b.Covenants).AsJsonList();

        // Words of the borrower for "borrower contains" searches that stay indexed at any size.
        booking.Property<NpgsqlTsVector>(BorrowerSearch).HasComputedColumnSql("to_tsvector('simple', borrower)", stored: true);
        booking.HasIndex(BorrowerSearch).HasMethod("gin");

        // The list's filters and default sort (newest change first), live rows only.
        booking.HasIndex(b => new { b.UpdatedAt, b.Id }).HasFilter("deleted_at IS NULL");
        booking.HasIndex(b => new { b.Status, b.UpdatedAt, b.Id }).HasFilter("deleted_at IS NULL");
        booking.HasIndex(b => new { b.OfficerId, b.UpdatedAt, b.Id }).HasFilter("deleted_at IS NULL");
        // The narrowest index of live rows: list totals are index-only scans of it (EXPLAIN in docs/benchmarks.md).
        booking.HasIndex(b => b.Status).HasFilter("deleted_at IS NULL");
    }
}
