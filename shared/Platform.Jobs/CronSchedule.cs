using Quartz;

namespace Platform.Jobs;

/// <summary>
/// Cron maths through Quartz's <see cref="CronExpression"/> (seconds first: <c>0 30 6 ? * MON-FRI</c>),
/// evaluated in the schedule's time zone so "06:30 in Europe/London" stays 06:30 across DST changes.
/// </summary>
internal static class CronSchedule
{
    /// <summary>Field errors for a cron expression and time zone, keyed <c>cron</c> and <c>timeZone</c>; empty when both are usable.</summary>
    public static Dictionary<string, string[]> Check(string? cron, string? timeZoneId)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(cron))
        {
            errors["cron"] = ["A cron expression is required."];
        }
        else if (cron.Length > JobSchedule.CronMaxLength)
        {
            errors["cron"] = [$"At most {JobSchedule.CronMaxLength} characters."];
        }
        else
        {
            try
            {
                CronExpression.Parse(cron);
            }
            catch (FormatException exception)
            {
                errors["cron"] = [$"Not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year]): {exception.Message}"];
            }
        }

        if (string.IsNullOrWhiteSpace(timeZoneId))
        {
            errors["timeZone"] = ["An IANA time zone id such as Europe/London is required."];
        }
        else if (FindTimeZone(timeZoneId) is null)
        {
            errors["timeZone"] = [$"'{timeZoneId}' is not an IANA time zone id (such as Europe/London or America/New_York)."];
        }

        return errors;
    }

    /// <summary>The IANA zone with this id, or null; Windows ids are refused so that stored schedules read the same on every host.</summary>
    public static TimeZoneInfo? FindTimeZone(string timeZoneId) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) && zone.HasIanaId ? zone : null;

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null if there is none.</summary>
    public static DateTimeOffset? NextAfter(string cron, string timeZoneId, DateTimeOffset after)
    {
        var zone = FindTimeZone(timeZoneId) ?? throw new InvalidOperationException($"Unknown time zone '{timeZoneId}'.");
        return new CronExpression(cron, zone).GetNextValidTimeAfter(after);
    }

    /// <summary>The calendar date of <paramref name="occurrence"/> where the schedule lives: the business date of its run.</summary>
    public static DateOnly BusinessDateOf(DateTimeOffset occurrence, string timeZoneId) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(occurrence, FindTimeZone(timeZoneId)!).DateTime);
}
