using System.ComponentModel.DataAnnotations;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Section <c>Http:Resilience</c>: the timings of every outgoing HTTP call, in milliseconds so
/// tests can run them in a fraction of a second. The lower bounds are the standard resilience
/// handler's own (it refuses break and sampling durations under half a second).
/// </summary>
public sealed class PlatformHttpResilienceOptions
{
    public const string SectionName = "Http:Resilience";

    /// <summary>One attempt, from sending to the end of the response headers.</summary>
    [Range(10, 24 * 60 * 60 * 1000)]
    public int AttemptTimeoutMs { get; set; } = 10_000;

    /// <summary>The whole call, retries and waits included: what the caller waits at most.</summary>
    [Range(10, 24 * 60 * 60 * 1000)]
    public int TotalTimeoutMs { get; set; } = 30_000;

    [Range(1, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First backoff delay; it doubles per retry, with jitter so callers do not retry in step.</summary>
    [Range(0, 60_000)]
    public int RetryBaseDelayMs { get; set; } = 200;

    /// <summary>
    /// Longest wait before a retry, also when the server's <c>Retry-After</c> asks for more: a
    /// caller waiting on us gains nothing from a retry it will have given up on by then.
    /// </summary>
    [Range(1, 60 * 60 * 1000)]
    public int MaxRetryDelayMs { get; set; } = 5_000;

    /// <summary>
    /// POST, PUT, PATCH and DELETE are not retried unless set: a request that timed out may still
    /// have been applied, and a second one would apply it twice unless the endpoint is idempotent.
    /// </summary>
    public bool RetryUnsafeMethods { get; set; }

    /// <summary>Share of failed calls within the sampling window that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Fewest calls in the window before the ratio counts, so two early failures do not open it.</summary>
    [Range(2, int.MaxValue)]
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    [Range(500, 24 * 60 * 60 * 1000)]
    public int CircuitBreakerSamplingDurationMs { get; set; } = 30_000;

    /// <summary>How long an open circuit fails calls at once before letting one probe through.</summary>
    [Range(500, 24 * 60 * 60 * 1000)]
    public int CircuitBreakerBreakDurationMs { get; set; } = 5_000;
}
