using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Loans.Application.Documents;

/// <summary>One value the extraction engine found in a document, with where it found it. Replaced as a whole by each extraction run.</summary>
public sealed class ExtractedFieldRow
{
    public Guid Id { get; init; }
    public Guid DocumentId { get; init; }
    public required string Field { get; init; }
    public required string Value { get; init; }
    public decimal Confidence { get; init; }
    public int? Page { get; init; }
    public required string Snippet { get; init; }
    public required string Engine { get; init; }
}

internal sealed class ExtractedFieldConfiguration : IEntityTypeConfiguration<ExtractedFieldRow>
{
    public void Configure(EntityTypeBuilder<ExtractedFieldRow> field)
    {
        field.ToTable("ExtractedFields");
        field.HasKey(f => f.Id);
        field.Property(f => f.Field).HasMaxLength(32);
        field.Property(f => f.Value).HasMaxLength(200);
        field.Property(f => f.Confidence).HasPrecision(4, 3);
        field.Property(f => f.Snippet).HasMaxLength(200);
        field.Property(f => f.Engine).HasMaxLength(32);
        field.HasIndex(f => f.DocumentId);
    }
}
