using System.Text.Json;

namespace Platform.Jobs;

/// <summary>The body of <c>PUT …/job-schedules/{type}</c>: the whole schedule (parameters may be left out to keep them).</summary>
public sealed record JobScheduleUpdate(string? Cron, string? TimeZone, bool? Enabled, JsonElement? Parameters);
