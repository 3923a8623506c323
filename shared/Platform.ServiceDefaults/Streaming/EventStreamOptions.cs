using System.ComponentModel.DataAnnotations;

namespace Platform.ServiceDefaults.Streaming;

/// <summary>Limits on long-lived responses (Server-Sent Events), section <c>EventStreams</c>.</summary>
public sealed class EventStreamOptions
{
    public const string SectionName = "EventStreams";

    /// <summary>Open streams one user may hold at once across every replica; the next is refused with 429.</summary>
    [Range(1, 1000)]
    public int MaxPerUser { get; set; } = 5;

    /// <summary>
    /// How long a stream's slot is held without renewal. Open streams renew it every third of this, so
    /// a replica that dies frees its users' slots within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);
}
