using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portfolio.Application.Reports;

/// <summary>Where a report is; queued and running come from its job, the outcome is written by the generator.</summary>
public enum ReportStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// One requested report: who asked (the only one who may see it), of which portfolio and dates, the job that
/// generates it, and its outcome. Its files are <see cref="ReportFileRow"/>s, one per format.
/// </summary>
public sealed class ReportRow
{
    public const int ErrorMaxLength = 500;

    public Guid Id { get; set; }
    public string Kind { get; set; } = "";
    public Guid PortfolioId { get; set; }
    public Guid RequestedBy { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }

    /// <summary>The saved what-if scenario a comparison report is of; null for the other kinds.</summary>
    public Guid? ScenarioId { get; set; }

    public Guid JobId { get; set; }
    public ReportStatus Status { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>A generated file as the document store keeps it: the store's key (never derived from input), size, SHA-256, content type.</summary>
public sealed class ReportFileRow
{
    public Guid ReportId { get; set; }
    public string Format { get; set; } = "";
    public string StorageKey { get; set; } = "";
    public long SizeBytes { get; set; }
    public string Sha256 { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string FileName { get; set; } = "";
}

internal sealed class ReportRowConfiguration : IEntityTypeConfiguration<ReportRow>
{
    public void Configure(EntityTypeBuilder<ReportRow> report)
    {
        report.ToTable("Reports");
        report.HasKey(r => r.Id);
        report.Property(r => r.Kind).HasMaxLength(40);
        report.Property(r => r.Status).HasMaxLength(20);
        report.Property(r => r.Error).HasMaxLength(ReportRow.ErrorMaxLength);
        // The caller's list, newest first.
        report.HasIndex(r => new { r.RequestedBy, r.CreatedAt });
        report.HasIndex(r => r.JobId).IsUnique();
    }
}

internal sealed class ReportFileRowConfiguration : IEntityTypeConfiguration<ReportFileRow>
{
    public void Configure(EntityTypeBuilder<ReportFileRow> file)
    {
        file.ToTable("ReportFiles");
        file.HasKey(f => new { f.ReportId, f.Format });
        file.Property(f => f.Format).HasMaxLength(8);
        file.Property(f => f.StorageKey).HasMaxLength(100);
        file.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
        file.Property(f => f.ContentType).HasMaxLength(100);
        file.Property(f => f.FileName).HasMaxLength(200);
        file.HasOne<ReportRow>().WithMany().HasForeignKey(f => f.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
