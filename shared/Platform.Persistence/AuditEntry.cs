using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Persistence;

/// <summary>One change to an audited entity: who, what, before/after, and the request that did it.</summary>
public sealed class AuditEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public DateTimeOffset OccurredAt { get; init; }
    public required string EntityType { get; init; }
    public required string EntityId { get; init; }
    public required string Action { get; init; }
    public string? Actor { get; init; }
    public string? RequestId { get; init; }

    /// <summary>JSON object: property name → { before, after }.</summary>
    public required string Changes { get; init; }

    internal static void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("AuditLog");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.EntityType).HasMaxLength(100);
        entry.Property(e => e.EntityId).HasMaxLength(100);
        entry.Property(e => e.Action).HasMaxLength(20);
        entry.Property(e => e.Actor).HasMaxLength(100);
        entry.Property(e => e.RequestId).HasMaxLength(128);
        entry.Property(e => e.Changes).HasColumnType("jsonb");
        entry.HasIndex(e => new { e.EntityType, e.EntityId, e.OccurredAt });
    }
}
