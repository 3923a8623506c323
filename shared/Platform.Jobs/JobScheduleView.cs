using System.Text.Json;

namespace Platform.Jobs;

/// <summary>A schedule as admins see and edit it.</summary>
public sealed record JobScheduleView(
    string JobType,
    string Cron,
    string TimeZone,
    bool Enabled,
    JsonElement Parameters,
    DateTimeOffset? NextRunAt,
    DateTimeOffset? LastRunAt,
    Guid? LastJobId,
    DateTimeOffset UpdatedAt,
    string UpdatedBy)
{
    internal static JobScheduleView Of(JobSchedule schedule) => new(
        schedule.JobType, schedule.Cron, schedule.TimeZoneId, schedule.Enabled, JsonDocument.Parse(schedule.Parameters).RootElement.Clone(),
        schedule.NextRunAt, schedule.LastRunAt, schedule.LastJobId, schedule.UpdatedAt, schedule.UpdatedBy);
}
