using System.Diagnostics;
using System.Diagnostics.Metrics;
using Alerts.Domain;

namespace Alerts.Application.Alerts;

/// <summary>
/// Alerts' business metrics (meter <c>Platform.Alerts</c>): alerts written for recipients, and
/// alerts sent down open streams. Together they show whether people actually see what is raised.
/// Tag values are the enums as the API writes them (camelCase).
/// </summary>
public sealed class AlertsMetrics
{
    public const string MeterName = "Platform.Alerts";

    private readonly Counter<long> _created;
    private readonly Counter<long> _delivered;

    public AlertsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _created = meter.CreateCounter<long>("platform.alerts.created", "{alert}", "Alerts written for a recipient");
        _delivered = meter.CreateCounter<long>("platform.alerts.delivered", "{alert}", "Alerts written to an open Server-Sent Events stream");
    }

    internal void Created(Alert alert) =>
        _created.Add(1, new TagList { { "category", Text(alert.Category) }, { "severity", Text(alert.Severity) } });

    public void Delivered(AlertView alert) =>
        _delivered.Add(1, new TagList { { "category", Text(alert.Category) }, { "severity", Text(alert.Severity) } });

    private static string Text<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
