using System.Diagnostics;
using System.Net;
using System.Threading.Channels;
using Platform.ServiceDefaults.Http;
using Yarp.ReverseProxy.Model;

namespace Gateway;

/// <summary>
/// One log line per request, written when the gateway is done with it (category
/// <c>Gateway.AccessLog</c>): method, route, path, status, duration, user, client address, request
/// id, trace id and the upstream cluster when it was proxied. Only fields named here are logged:
/// never the query string (it may carry secrets), headers, cookies or bodies.
/// <para>
/// The request only fills in an entry and hands it to <see cref="AccessLogWriter"/>, which logs
/// entries from one background task. Logging from every request thread made them queue on the
/// console logger's lock: a fifth of the gateway's CPU under load went to that (docs/benchmarks.md).
/// </para>
/// </summary>
internal sealed class AccessLogMiddleware(RequestDelegate next, AccessLogWriter writer)
{
    public const string Category = AccessLogConsole.Category;

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            // Escaped every handler: the server answers 500, which is what the line should say.
            failed = true;
            throw;
        }
        finally
        {
            if (writer.IsEnabled)
            {
                writer.Enqueue(Entry(context, Stopwatch.GetElapsedTime(started), failed));
            }
        }
    }

    private static AccessLogEntry Entry(HttpContext context, TimeSpan duration, bool failed)
    {
        // YARP's endpoints carry their route (also when refused before proxying); others their pattern.
        var endpoint = context.GetEndpoint();
        var route = endpoint?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId ?? (endpoint as RouteEndpoint)?.RoutePattern.RawText;
        var proxy = context.Features.Get<IReverseProxyFeature>();
        var cluster = proxy?.ProxiedDestination is not null ? proxy.Route.Cluster?.ClusterId : null;
        var user = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst("sub")?.Value : null;
        return new AccessLogEntry(
            context.Request.Method,
            route,
            context.Request.PathBase.Add(context.Request.Path).Value ?? "/",
            failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode,
            Math.Round(duration.TotalMilliseconds, 1),
            user,
            ClientAddress(context.Connection.RemoteIpAddress),
            RequestIdMiddleware.Get(context),
            Activity.Current?.TraceId.ToHexString(),
            cluster);
    }

    // After the trusted-proxies middleware, so a forwarded client's address when a known proxy sent it.
    private static string? ClientAddress(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4().ToString() : address?.ToString();
}

internal sealed record AccessLogEntry(
    string Method, string? Route, string Path, int Status, double DurationMs, string? UserId, string? ClientIp, string? RequestId, string? TraceId, string? Cluster);

/// <summary>
/// Logs access-log entries from a single background task, in the order they were handed over. The
/// queue is bounded: if logging falls far behind (a console nobody reads), entries are dropped and
/// counted rather than held in memory or slowing requests; the count is logged when it recovers.
/// <para>
/// The task wakes at most every <see cref="FlushInterval"/> (at once if <see cref="EarlyFlush"/>
/// entries already wait) and writes what gathered in one go: woken by every entry, it cost a quiet
/// gateway a thread wake-up and a write to stdout per request. A line reaches stdout up to that much later.
/// </para>
/// </summary>
internal sealed partial class AccessLogWriter : BackgroundService
{
    private const int Capacity = 50_000;
    public const int EarlyFlush = 1_000;
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    private readonly ILogger _logger;
    private readonly Channel<AccessLogEntry> _entries = Channel.CreateBounded<AccessLogEntry>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private long _dropped;

    private readonly AccessLogConsole? _console;

    public AccessLogWriter(ILoggerFactory loggers, AccessLogConsole? console = null)
    {
        _logger = loggers.CreateLogger(AccessLogMiddleware.Category);
        _console = console;
    }

    public bool IsEnabled => _logger.IsEnabled(LogLevel.Information);

    public void Enqueue(AccessLogEntry entry)
    {
        if (!_entries.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _entries.Reader.WaitToReadAsync(stoppingToken))
            {
                // Gathers a batch: writers do not wake this task while it waits here.
                if (_entries.Reader.Count < EarlyFlush)
                {
                    await Task.Delay(FlushInterval, stoppingToken);
                }

                Drain();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is queued is written below.
        }

        Drain();
    }

    private void Drain()
    {
        while (_entries.Reader.TryRead(out var entry))
        {
            LogRequest(_logger, entry.Method, entry.Path, entry.Route, entry.Status, entry.DurationMs, entry.UserId, entry.ClientIp, entry.RequestId, entry.TraceId, entry.Cluster);
        }

        if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
        {
            LogDropped(_logger, dropped, Capacity);
        }

        // The queue is empty: what the console sink holds goes out now, in one write.
        _console?.Flush();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Method} {Path} ({Route}) answered {Status} in {DurationMs} ms; user {UserId}, client {ClientIp}, request {RequestId}, trace {TraceId}, upstream {Cluster}")]
    private static partial void LogRequest(
        ILogger logger, string method, string path, string? route, int status, double durationMs, string? userId, string? clientIp, string? requestId, string? traceId, string? cluster);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Dropped} access-log lines were dropped: logging fell {Capacity} lines behind.")]
    private static partial void LogDropped(ILogger logger, long dropped, int capacity);
}
