using System.ComponentModel.DataAnnotations;

namespace Portfolio.Application.Batch;

/// <summary><c>Portfolio:Batch</c>: how the fanned-out batch is sent, consumed and followed.</summary>
public sealed class BatchOptions
{
    public const string Section = "Portfolio:Batch";

    /// <summary>Outbox rows written per SaveChanges when the handler fans out.</summary>
    [Range(1, 10_000)]
    public int OutboxChunk { get; set; } = 500;

    /// <summary>How often the handler counts finished items.</summary>
    public TimeSpan ProgressPoll { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Portfolios one replica processes at once (the consumer's concurrency); 0 = one per core.</summary>
    [Range(0, 64)]
    public int ConcurrentItems { get; set; }
}
