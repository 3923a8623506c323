using Platform.SharedKernel;

namespace Identity.Domain;

/// <summary>
/// A user's own preferences: their time zone, the portfolio they open by default and how they want
/// alerts delivered. One row per user, created at the first change; until then the defaults apply.
/// The id is the user's id.
/// </summary>
public sealed class UserSettings : AggregateRoot, IAudited
{
    public const string DefaultTimeZone = "UTC";
    public const int TimeZoneMaxLength = 64;

    private UserSettings()
    {
    }

    /// <summary>An IANA time zone id; quiet hours are read in it.</summary>
    public string TimeZone { get; private set; } = DefaultTimeZone;

    /// <summary>A portfolio id (the portfolio service checks it once it exists).</summary>
    public Guid? DefaultPortfolioId { get; private set; }

    public bool AlertsInApp { get; private set; } = AlertDelivery.Default.InApp;
    public bool AlertsByEmail { get; private set; } = AlertDelivery.Default.Email;
    public AlertSeverity MinimumAlertSeverity { get; private set; } = AlertDelivery.Default.MinimumSeverity;
    public TimeOnly? QuietHoursStart { get; private set; }
    public TimeOnly? QuietHoursEnd { get; private set; }

    public AlertDelivery Alerts => new(
        AlertsInApp, AlertsByEmail, MinimumAlertSeverity,
        QuietHoursStart is { } start && QuietHoursEnd is { } end ? new QuietHours(start, end) : null);

    /// <summary>The settings a user has before changing any: what <see cref="Change"/> starts from.</summary>
    public static UserSettings Defaults(Guid userId) => new() { Id = userId };

    public void Change(string timeZone, Guid? defaultPortfolioId, AlertDelivery alertDelivery)
    {
        TimeZone = timeZone;
        DefaultPortfolioId = defaultPortfolioId;
        AlertsInApp = alertDelivery.InApp;
        AlertsByEmail = alertDelivery.Email;
        MinimumAlertSeverity = alertDelivery.MinimumSeverity;
        QuietHoursStart = alertDelivery.QuietHours?.Start;
        QuietHoursEnd = alertDelivery.QuietHours?.End;
    }
}

/// <summary>How a user wants alerts: where, from which severity, and when not to be disturbed.</summary>
public sealed record AlertDelivery(bool InApp, bool Email, AlertSeverity MinimumSeverity, QuietHours? QuietHours)
{
    /// <summary>In the app only, every severity, at any hour.</summary>
    public static readonly AlertDelivery Default = new(InApp: true, Email: false, AlertSeverity.Info, QuietHours: null);
}

/// <summary>A daily span in the user's time zone; it crosses midnight when <see cref="End"/> is before <see cref="Start"/>.</summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End);

public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}
