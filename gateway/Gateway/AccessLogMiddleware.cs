using System.Diagnostics;
using System.Net;
using Platform.ServiceDefaults.Http;
using Yarp.ReverseProxy.Model;

namespace Gateway;

/// <summary>
/// One log line per request, written when the gateway is done with it (category
/// <c>Gateway.AccessLog</c>): method, route, path, status, duration, user, client address, request
/// id and the upstream cluster when it was proxied. Only fields named here are logged: never the
/// query string (it may carry secrets), headers, cookies or bodies.
/// </summary>
internal sealed partial class AccessLogMiddleware(RequestDelegate next, ILoggerFactory loggers)
{
    public const string Category = "Gateway.AccessLog";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

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
            Write(context, Stopwatch.GetElapsedTime(started), failed);
        }
    }

    private void Write(HttpContext context, TimeSpan duration, bool failed)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        // YARP's endpoints carry their route (also when refused before proxying); others their pattern.
        var endpoint = context.GetEndpoint();
        var route = endpoint?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId ?? (endpoint as RouteEndpoint)?.RoutePattern.RawText;
        var proxy = context.Features.Get<IReverseProxyFeature>();
        var cluster = proxy?.ProxiedDestination is not null ? proxy.Route.Cluster?.ClusterId : null;
        var user = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst("sub")?.Value : null;
        LogRequest(
            _logger,
            context.Request.Method,
            route,
            context.Request.PathBase.Add(context.Request.Path).Value ?? "/",
            failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode,
            Math.Round(duration.TotalMilliseconds, 1),
            user,
            ClientAddress(context.Connection.RemoteIpAddress),
            RequestIdMiddleware.Get(context),
            cluster);
    }

    // After the trusted-proxies middleware, so a forwarded client's address when a known proxy sent it.
    private static string? ClientAddress(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4().ToString() : address?.ToString();

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Method} {Path} ({Route}) answered {Status} in {DurationMs} ms; user {UserId}, client {ClientIp}, request {RequestId}, upstream {Cluster}")]
    private static partial void LogRequest(
        ILogger logger, string method, string? route, string path, int status, double durationMs, string? userId, string? clientIp, string? requestId, string? cluster);
}
