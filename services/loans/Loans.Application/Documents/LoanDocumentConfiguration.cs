using Loans.Domain.Bookings;
using Loans.Domain.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loans.Application.Documents;

internal sealed class LoanDocumentConfiguration : IEntityTypeConfiguration<LoanDocument>
{
    public void Configure(EntityTypeBuilder<LoanDocument> document)
    {
        document.ToTable("LoanDocuments");
        document.HasKey(d => d.Id);
        document.HasOne<LoanBooking>().WithMany().HasForeignKey(d => d.BookingId);
        document.Property(d => d.FileName).HasMaxLength(LoanDocument.FileNameMaxBytes);
        document.Property(d => d.ContentType).HasMaxLength(100);
        document.Property(d => d.Sha256).HasMaxLength(64).IsFixedLength();
        document.Property(d => d.StorageKey).HasMaxLength(100);
        document.Property(d => d.ExtractionStatus).HasMaxLength(16);
        document.Property(d => d.ExtractionError).HasMaxLength(LoanDocument.ErrorMaxLength);
        // The same content twice on one booking is one document: the database decides races between two uploads.
        document.HasIndex(d => new { d.BookingId, d.Sha256 }).IsUnique().HasFilter("deleted_at IS NULL");
    }
}
