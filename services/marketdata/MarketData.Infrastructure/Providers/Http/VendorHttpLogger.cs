using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace MarketData.Infrastructure.Providers.Http;

/// <summary>
/// Logs each attempt to a vendor by method, path, status and time, and nothing else. It replaces the
/// factory's own request logging, whose records carry the request headers (the API key among them)
/// as structured state even when the header is redacted in the message text.
/// </summary>
internal sealed partial class VendorHttpLogger(string provider, ILogger<VendorHttpLogger> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        Sent(provider, request.Method.Method, request.RequestUri?.AbsolutePath ?? "", (int)response.StatusCode, elapsed.TotalMilliseconds);

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        Failed(provider, request.Method.Method, request.RequestUri?.AbsolutePath ?? "", exception.GetType().Name, elapsed.TotalMilliseconds);

    [LoggerMessage(LogLevel.Debug, "{Provider} {Method} {Path}: {StatusCode} in {ElapsedMs:0.0} ms")]
    private partial void Sent(string provider, string method, string path, int statusCode, double elapsedMs);

    [LoggerMessage(LogLevel.Debug, "{Provider} {Method} {Path}: {Error} after {ElapsedMs:0.0} ms")]
    private partial void Failed(string provider, string method, string path, string error, double elapsedMs);
}
