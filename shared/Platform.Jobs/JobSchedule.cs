using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Jobs;

/// <summary>
/// When a job type runs by itself: a Quartz cron expression in an IANA time zone. Stored as data so
/// an admin can change it without a deploy; the service seeds its defaults once and never overwrites them.
/// </summary>
public sealed class JobSchedule
{
    public const int CronMaxLength = 120;
    public const int TimeZoneMaxLength = 64;

    public required string JobType { get; init; }

    public required string Cron { get; set; }

    public required string TimeZoneId { get; set; }

    public bool Enabled { get; set; }

    /// <summary>The parameters every scheduled run gets, as JSON.</summary>
    public required string Parameters { get; set; }

    /// <summary>The next occurrence to enqueue; null when disabled or when the expression never fires again.</summary>
    public DateTimeOffset? NextRunAt { get; set; }

    public DateTimeOffset? LastRunAt { get; set; }

    public Guid? LastJobId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    internal static void Configure(EntityTypeBuilder<JobSchedule> schedule)
    {
        schedule.ToTable("JobSchedules");
        schedule.HasKey(s => s.JobType);
        schedule.Property(s => s.JobType).HasMaxLength(Job.TypeMaxLength);
        schedule.Property(s => s.Cron).HasMaxLength(CronMaxLength);
        schedule.Property(s => s.TimeZoneId).HasMaxLength(TimeZoneMaxLength);
        schedule.Property(s => s.Parameters).HasColumnType("jsonb");
        schedule.Property(s => s.UpdatedBy).HasMaxLength(Job.RequestedByMaxLength);
        schedule.HasIndex(s => s.NextRunAt).HasFilter("enabled");
    }
}
