using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Application.Modeling;

namespace Portfolio.Application.Exports;

/// <summary>
/// One trade export: who made it, when, of which scenario or session, in which format, how many orders, and
/// where the file is (the document store's own key, never derived from input) with its size and SHA-256.
/// </summary>
public sealed class TradeExportRow : IOwnedRow
{
    public Guid Id { get; set; }
    public Guid OwnerId { get; set; }
    public Guid? ScenarioId { get; set; }
    public Guid? SessionId { get; set; }
    public string Format { get; set; } = "";
    public int TradeCount { get; set; }
    public string StorageKey { get; set; } = "";
    public long SizeBytes { get; set; }
    public string Sha256 { get; set; } = "";
    public string ContentType { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class TradeExportConfiguration : IEntityTypeConfiguration<TradeExportRow>
{
    public void Configure(EntityTypeBuilder<TradeExportRow> export)
    {
        export.ToTable("TradeExports");
        export.HasKey(e => e.Id);
        export.Property(e => e.Format).HasMaxLength(8);
        export.Property(e => e.StorageKey).HasMaxLength(64);
        export.Property(e => e.Sha256).HasMaxLength(64).IsFixedLength();
        export.Property(e => e.ContentType).HasMaxLength(100);
        export.HasIndex(e => new { e.OwnerId, e.CreatedAt });
    }
}
