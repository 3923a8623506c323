using Loans.Application.Persistence;
using Loans.Domain.Bookings;
using Loans.Domain.Sheets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loans.Application.Sheets;

internal sealed class BookingSheetConfiguration : IEntityTypeConfiguration<BookingSheet>
{
    public void Configure(EntityTypeBuilder<BookingSheet> sheet)
    {
        sheet.ToTable("BookingSheets");
        sheet.HasKey(s => s.Id);
        sheet.HasIndex(s => s.BookingId).IsUnique();
        sheet.HasOne<LoanBooking>().WithOne().HasForeignKey<BookingSheet>(s => s.BookingId);
        sheet.Property(s => s.Entries).AsJsonList();
    }
}

internal sealed class SheetCorrectionConfiguration : IEntityTypeConfiguration<SheetCorrection>
{
    public void Configure(EntityTypeBuilder<SheetCorrection> correction)
    {
        correction.ToTable("SheetCorrections");
        correction.HasKey(c => c.Id);
        correction.Property(c => c.Field).HasMaxLength(32);
        correction.Property(c => c.RequestId).HasMaxLength(100);
        correction.HasIndex(c => new { c.BookingId, c.CorrectedAt });
    }
}
