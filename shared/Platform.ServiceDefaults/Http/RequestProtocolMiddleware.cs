using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Errors;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Refuses, before anything else reads the request, what the platform never serves: a method outside
/// the ones its APIs use (TRACE reflects requests and helps cross-site tracing; the gateway would
/// otherwise proxy any method upstream), a request target over <see cref="HttpOptions.MaxRequestTargetLength"/>
/// (414) and headers over <see cref="HttpOptions.MaxRequestHeadersTotalBytes"/> or
/// <see cref="HttpOptions.MaxRequestHeaderCount"/> (431). Kestrel's own limits are set above these
/// (<see cref="HttpOptions.ServerLimitFactor"/>) so that the application, not the server, answers: with
/// problem+json, the request id and the security headers the server's bare answers lack.
/// </summary>
internal sealed class RequestProtocolMiddleware(RequestDelegate next, IOptions<HttpOptions> options)
{
    /// <summary>The methods the platform's APIs use; anything else is refused.</summary>
    public static readonly string[] AllowedMethods =
        [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete, HttpMethods.Options];

    private static readonly string Allow = string.Join(", ", AllowedMethods);

    // Known methods the platform deliberately does not serve: 405. Methods it does not know at all: 501 (RFC 9110 section 9.1).
    private static readonly string[] RefusedMethods = [HttpMethods.Trace, "TRACK", HttpMethods.Connect];

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var limits = options.Value;
        if (!AllowedMethods.Contains(request.Method, StringComparer.Ordinal))
        {
            context.Response.Headers.Allow = Allow;
            return RefusedMethods.Contains(request.Method, StringComparer.OrdinalIgnoreCase)
                ? RequestRefusal.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "request.method_not_allowed", "The method is not allowed.",
                    $"The platform serves {Allow} only.")
                : RequestRefusal.WriteAsync(context, StatusCodes.Status501NotImplemented, "request.method_not_implemented", "The method is not supported.",
                    $"The platform serves {Allow} only.");
        }

        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw.Length : request.Path.Value!.Length + request.QueryString.Value!.Length;
        if (target > limits.MaxRequestTargetLength)
        {
            return RequestRefusal.WriteAsync(context, StatusCodes.Status414UriTooLong, "request.uri_too_long", "The request URI is too long.",
                $"The path and query string may be at most {limits.MaxRequestTargetLength} characters; send large filters in a body.");
        }

        var headerCount = 0;
        long headerBytes = 0;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                headerCount++;
                // As on the wire: "name: value" and its line end.
                headerBytes += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        if (headerCount > limits.MaxRequestHeaderCount || headerBytes > limits.MaxRequestHeadersTotalBytes)
        {
            return RequestRefusal.WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "request.headers_too_large",
                "The request headers are too large.",
                $"Send at most {limits.MaxRequestHeaderCount} headers of at most {limits.MaxRequestHeadersTotalBytes} bytes in all.");
        }

        return next(context);
    }
}
