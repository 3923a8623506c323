using System.ComponentModel.DataAnnotations;

namespace Alerts.Application.Streaming;

/// <summary>Settings of section <c>Alerts</c>.</summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>
    /// How often an idle stream sends a comment (so proxies keep it open and a dead client is noticed)
    /// and looks for new alerts without being woken.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan StreamHeartbeat { get; set; } = TimeSpan.FromSeconds(15);
}
