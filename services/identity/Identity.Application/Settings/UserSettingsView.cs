using System.Globalization;
using System.Text.Json.Serialization;
using Identity.Domain;

namespace Identity.Application.Settings;

/// <summary>A user's settings as the API returns them; the version travels as the ETag header, not in the body.</summary>
public sealed record UserSettingsView(string TimeZone, Guid? DefaultPortfolioId, AlertDeliveryView AlertDelivery)
{
    /// <summary>The row version; 0 while the user has changed nothing (the defaults are not stored).</summary>
    [JsonIgnore]
    public uint Version { get; init; }

    /// <summary>Strong ETag of this version: <c>"&lt;version&gt;"</c>.</summary>
    [JsonIgnore]
    public string ETag => $"\"{Version}\"";

    public static UserSettingsView From(UserSettings settings) =>
        new(settings.TimeZone, settings.DefaultPortfolioId, AlertDeliveryView.From(settings.Alerts)) { Version = settings.Version };
}

public sealed record AlertDeliveryView(bool InApp, bool Email, AlertSeverity MinimumSeverity, QuietHoursView? QuietHours)
{
    public static AlertDeliveryView From(AlertDelivery delivery) =>
        new(delivery.InApp, delivery.Email, delivery.MinimumSeverity, delivery.QuietHours is { } quiet ? QuietHoursView.From(quiet) : null);
}

/// <summary>Times of day as <c>HH:mm</c>, in the user's time zone.</summary>
public sealed record QuietHoursView(string Start, string End)
{
    public const string TimeFormat = "HH:mm";

    public static QuietHoursView From(QuietHours quiet) =>
        new(quiet.Start.ToString(TimeFormat, CultureInfo.InvariantCulture), quiet.End.ToString(TimeFormat, CultureInfo.InvariantCulture));
}
