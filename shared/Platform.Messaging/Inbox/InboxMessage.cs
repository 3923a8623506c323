using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Messaging.Inbox;

/// <summary>A message a consumer has applied; its row is written in the same transaction as the effect.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; init; }

    public required string Consumer { get; init; }

    public required string MessageType { get; init; }

    public DateTimeOffset ProcessedAt { get; init; }

    internal static void Configure(EntityTypeBuilder<InboxMessage> inbox)
    {
        inbox.ToTable("InboxMessages");
        inbox.HasKey(m => new { m.MessageId, m.Consumer });
        inbox.Property(m => m.Consumer).HasMaxLength(200);
        inbox.Property(m => m.MessageType).HasMaxLength(300);
        inbox.HasIndex(m => m.ProcessedAt);
    }
}
