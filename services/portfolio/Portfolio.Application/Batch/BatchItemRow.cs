using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portfolio.Application.Batch;

/// <summary>
/// One portfolio's part of a fanned-out batch for a business date: written by the replica that processed it,
/// in the transaction of its results. The key is the date, not the run, so a re-queued or re-run job
/// finds what is already done and sends only the rest.
/// </summary>
public sealed class BatchItemRow
{
    public const string Done = "done";
    public const string Skipped = "skipped";
    public const string Failed = "failed";

    public string JobType { get; set; } = "";
    public DateOnly BusinessDate { get; set; }
    public Guid PortfolioId { get; set; }

    /// <summary><see cref="Done"/>, <see cref="Skipped"/> (the portfolio is gone, or has nothing to calculate) or <see cref="Failed"/> (retried by the next run).</summary>
    public string Status { get; set; } = "";

    /// <summary>The run that last processed it.</summary>
    public Guid JobId { get; set; }

    /// <summary>Which replica processed it (host and process).</summary>
    public string Worker { get; set; } = "";

    public string? Error { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
}

internal sealed class BatchItemRowConfiguration : IEntityTypeConfiguration<BatchItemRow>
{
    public void Configure(EntityTypeBuilder<BatchItemRow> item)
    {
        item.ToTable("BatchItems");
        item.HasKey(i => new { i.JobType, i.BusinessDate, i.PortfolioId });
        item.Property(i => i.JobType).HasMaxLength(100);
        item.Property(i => i.Status).HasMaxLength(10);
        item.Property(i => i.Worker).HasMaxLength(200);
        item.Property(i => i.Error).HasMaxLength(2000);
        item.HasIndex(i => i.JobId);
    }
}
