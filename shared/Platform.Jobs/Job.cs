using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Jobs;

/// <summary>
/// One run of a long piece of work, tracked in the service's own schema: who asked for it, for which
/// business date, how far it got, what failed. Written by <see cref="IJobs.EnqueueAsync{TParams}"/>,
/// claimed and updated by the job worker of whichever replica gets it first.
/// </summary>
public sealed class Job
{
    public const int TypeMaxLength = 100;
    public const int RequestedByMaxLength = 100;
    public const int ErrorMaxLength = 2000;
    public const int ItemKeyMaxLength = 200;

    public Guid Id { get; init; }

    public required string Type { get; init; }

    /// <summary>The date whose results the job produces; at most one queued or running job per type and date.</summary>
    public DateOnly? BusinessDate { get; init; }

    public JobStatus Status { get; set; }

    /// <summary>The handler's parameters as JSON.</summary>
    public required string Parameters { get; init; }

    /// <summary>A user id, or <c>scheduler</c> for scheduled runs.</summary>
    public required string RequestedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public int ItemsDone { get; set; }

    /// <summary>Null until the handler knows how many items there are.</summary>
    public int? ItemsTotal { get; set; }

    /// <summary>The first item errors, bounded (<see cref="JobsOptions.MaxItemErrors"/>); <see cref="ItemErrorCount"/> counts all of them.</summary>
    public List<JobItemError> ItemErrors { get; set; } = [];

    public int ItemErrorCount { get; set; }

    /// <summary>How long a run may take before it is cancelled and marked timed out.</summary>
    public TimeSpan Timeout { get; init; }

    public string? LastError { get; set; }

    /// <summary>How many times a worker has started it (more than one after a crash recovery).</summary>
    public int Attempts { get; set; }

    /// <summary>The worker running it; its lease is renewed while it runs.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Past this time without renewal, the worker is presumed dead and the job is recovered.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    internal static void Configure(EntityTypeBuilder<Job> job)
    {
        job.ToTable("Jobs");
        job.HasKey(j => j.Id);
        job.Property(j => j.Type).HasMaxLength(TypeMaxLength);
        job.Property(j => j.Status).HasMaxLength(20);
        job.Property(j => j.Parameters).HasColumnType("jsonb");
        job.Property(j => j.RequestedBy).HasMaxLength(RequestedByMaxLength);
        job.Property(j => j.LastError).HasMaxLength(ErrorMaxLength);
        job.Property(j => j.LeaseOwner).HasMaxLength(200);
        job.Property(j => j.ItemErrors)
            .HasColumnType("jsonb")
            .HasConversion(
                errors => JsonSerializer.Serialize(errors, JobsModel.Json),
                json => JsonSerializer.Deserialize<List<JobItemError>>(json, JobsModel.Json) ?? new List<JobItemError>(),
                new ValueComparer<List<JobItemError>>(
                    (left, right) => left!.SequenceEqual(right!),
                    errors => errors.Aggregate(0, (hash, error) => HashCode.Combine(hash, error.GetHashCode())),
                    errors => errors.ToList()));
        // Re-run semantics: a second run of the same type and date while one is pending would append
        // to results the first one is replacing. Undated jobs (one per document, say) are not limited.
        job.HasIndex(j => new { j.Type, j.BusinessDate })
            .IsUnique()
            .HasFilter("status IN ('queued', 'running')")
            .HasDatabaseName(PendingPerDateIndex);
        // The worker's claim walks queued rows oldest first; recovery looks for expired leases.
        job.HasIndex(j => j.CreatedAt).HasFilter("status = 'queued'").HasDatabaseName("ix_jobs_queued");
        job.HasIndex(j => j.LeaseExpiresAt).HasFilter("status = 'running'").HasDatabaseName("ix_jobs_running_lease");
        job.HasIndex(j => new { j.Type, j.CreatedAt });
    }

    internal const string PendingPerDateIndex = "ux_jobs_pending_per_business_date";
}
