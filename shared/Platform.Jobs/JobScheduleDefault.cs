namespace Platform.Jobs;

/// <summary>A schedule the service seeds when its row does not exist yet; after that the row is the admins'.</summary>
internal sealed record JobScheduleDefault(string JobType, string Cron, string TimeZoneId, string Parameters, bool Enabled);
