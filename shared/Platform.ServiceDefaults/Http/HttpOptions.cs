namespace Platform.ServiceDefaults.Http;

/// <summary>Section <c>Http</c>: the request limits every service and the gateway enforce.</summary>
public sealed class HttpOptions
{
    public const string SectionName = "Http";

    /// <summary>Default largest request body; endpoints may allow more with <c>WithRequestSizeLimit</c> metadata.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Longest request target (path and query string as sent); longer is 414.</summary>
    public int MaxRequestTargetLength { get; set; } = 8 * 1024;

    /// <summary>Largest total of the request headers (names, values, separators); larger is 431.</summary>
    public int MaxRequestHeadersTotalBytes { get; set; } = 32 * 1024;

    /// <summary>Most request headers; more is 431.</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>
    /// Kestrel's own request-line and header limits are this many times the ones above. The server
    /// answers a request over its limits itself, bare (no problem+json, no security headers); with
    /// headroom, requests between the two limits get the application's full answer instead.
    /// </summary>
    public int ServerLimitFactor { get; set; } = 2;
}
