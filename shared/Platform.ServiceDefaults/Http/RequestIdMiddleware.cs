using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Accepts the caller's <c>X-Request-ID</c> when it is a sane token, creates one otherwise, echoes it,
/// and puts it in the logging scope so every log line of the request carries it.
/// </summary>
public sealed partial class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string HeaderName = "X-Request-ID";
    private const string ItemKey = "Platform.RequestId";

    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = context.Request.Headers[HeaderName].ToString();
        if (!IsAcceptable(requestId))
        {
            requestId = NewRequestId();
        }

        context.Items[ItemKey] = requestId;
        context.Request.Headers[HeaderName] = requestId;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = requestId;
            return Task.CompletedTask;
        });

        using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId }))
        {
            await next(context);
        }
    }

    /// <summary>
    /// 32 hex digits, unique across processes: a random prefix drawn once per process and a counter.
    /// Not <see cref="Guid.NewGuid"/>: on Linux each one reads /dev/urandom, a system call on every request
    /// (docs/benchmarks.md, "The floor under the gateway"). A request id correlates logs; it is no secret.
    /// </summary>
    public static string NewRequestId() =>
        string.Create(32, Interlocked.Increment(ref _requestCounter), static (chars, counter) =>
        {
            ProcessPrefix.CopyTo(chars);
            counter.TryFormat(chars[16..], out _, "x16");
        });

    private static readonly string ProcessPrefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private static ulong _requestCounter;

    public static string? Get(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) ? value as string : null;

    // Untrusted input ends up in logs and audit rows: bounded length, no control characters.
    private static bool IsAcceptable(string value) => value.Length is > 0 and <= 128 && SafeToken().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9._:-]+$")]
    private static partial Regex SafeToken();
}
