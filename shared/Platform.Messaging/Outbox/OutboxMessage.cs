using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Messaging.Outbox;

/// <summary>
/// An integration event waiting to be published, written in the same transaction as the change
/// that raised it. <see cref="Id"/> is the event's id and becomes the broker message id, so a
/// republished row is recognised by every inbox.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; }

    /// <summary>
    /// Write order, drawn from <see cref="SequenceName"/> by the outbox interceptor in the order the
    /// rows were added (EF Core sorts a batch's inserts by key, so an identity column would not
    /// keep it); rows of one aggregate are published in this order.
    /// </summary>
    public long Sequence { get; set; }

    /// <summary>The aggregate the event is about (ordering key); the event id itself when there is none.</summary>
    public Guid AggregateId { get; init; }

    /// <summary>Full name of the contract type in Platform.Contracts.</summary>
    public required string MessageType { get; init; }

    public required string Payload { get; init; }

    /// <summary>W3C traceparent of the request that wrote the row, so the consumer joins its trace.</summary>
    public string? TraceParent { get; init; }

    public string? TraceState { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>Not before this time (null: at once); pushed back after a failed publish.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    internal const string SequenceName = "outbox_messages_sequence";

    private static long _created;

    /// <summary>Creation order in this process (not stored): how the interceptor numbers the rows of one save.</summary>
    internal long CreatedOrder { get; } = Interlocked.Increment(ref _created);

    internal static void Configure(EntityTypeBuilder<OutboxMessage> outbox)
    {
        outbox.ToTable("OutboxMessages");
        outbox.HasKey(m => m.Id);
        outbox.Ignore(m => m.CreatedOrder);
        outbox.Property(m => m.Sequence).ValueGeneratedNever();
        outbox.Property(m => m.MessageType).HasMaxLength(300);
        outbox.Property(m => m.Payload).HasColumnType("jsonb");
        outbox.Property(m => m.TraceParent).HasMaxLength(55);
        outbox.Property(m => m.TraceState).HasMaxLength(512);
        outbox.Property(m => m.LastError).HasMaxLength(2000);
        // The relay's claim query walks pending rows in order and looks for earlier pending rows of the same aggregate.
        outbox.HasIndex(m => m.Sequence).HasFilter("published_at IS NULL").HasDatabaseName("ix_outbox_messages_pending");
        outbox.HasIndex(m => new { m.AggregateId, m.Sequence }).HasFilter("published_at IS NULL").HasDatabaseName("ix_outbox_messages_pending_by_aggregate");
        outbox.HasIndex(m => m.PublishedAt).HasFilter("published_at IS NOT NULL").HasDatabaseName("ix_outbox_messages_published");
    }
}
