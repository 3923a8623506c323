using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Errors;
using RedisRateLimiting;

namespace Gateway;

/// <summary>
/// Section <c>RateLimiting</c>. Every limit is a token bucket that refills smoothly over a minute,
/// kept in Redis so all gateway replicas share it (<see cref="RedisRateLimitStore"/>).
/// </summary>
internal sealed class GatewayRateLimitOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Every request, per user (<c>sub</c>) when authenticated, else per client IP.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerMinute { get; set; } = 100;

    /// <summary>Sign-in attempts per account (the email or username in the body), on routes with the <c>login</c> policy.</summary>
    [Range(1, 1_000_000)]
    public int LoginPermitsPerMinute { get; set; } = 10;

    /// <summary>Sign-in attempts per client IP, on routes with the <c>login</c> policy.</summary>
    [Range(1, 1_000_000)]
    public int LoginPermitsPerMinutePerIp { get; set; } = 10;

    /// <summary>Document uploads per user (or client IP), on routes with the <c>uploads</c> policy: each may carry tens of megabytes.</summary>
    [Range(1, 1_000_000)]
    public int UploadPermitsPerMinute { get; set; } = 10;

    /// <summary>Start of every rate-limit key in Redis: deployments (and test runs) sharing a Redis keep apart by it.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9:._-]{1,64}$")]
    public string KeyPrefix { get; set; } = "platform:rl:";

    /// <summary>The longest a request waits for Redis before its limit is counted in process instead.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:05")]
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>After a failed or slow Redis call, how long limits stay in process before Redis is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RedisRetryInterval { get; set; } = TimeSpan.FromSeconds(5);
}

internal static class RateLimitingSetup
{
    /// <summary>Route metadata (<c>RateLimiterPolicy</c>) for the token endpoint, the sign-in form, JSON login and register.</summary>
    public const string LoginPolicy = "login";

    /// <summary>Route metadata (<c>RateLimiterPolicy</c>) for document uploads.</summary>
    public const string UploadPolicy = "uploads";

    private const string RateLimitedCode = "request.rate_limited";

    /// <summary>
    /// The global limiter runs on every request; routes with the <c>login</c> policy are limited by
    /// that too, and the middleware requires both to grant a permit.
    /// </summary>
    public static WebApplicationBuilder AddGatewayRateLimiting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayRateLimitOptions>()
            .Bind(builder.Configuration.GetSection(GatewayRateLimitOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<RedisRateLimitStore>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RedisRateLimitStore>());
        // Singletons so the container disposes the limiters (and their replenishment timers) with the host.
        builder.Services.AddSingleton(services => CreateGlobalLimiter(
            services.GetRequiredService<IOptions<GatewayRateLimitOptions>>().Value, services.GetRequiredService<RedisRateLimitStore>()));
        builder.Services.AddSingleton<LoginRateLimiterPolicy>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>()
            .Configure<PartitionedRateLimiter<HttpContext>, LoginRateLimiterPolicy, RedisRateLimitStore, IOptions<GatewayRateLimitOptions>>((options, global, login, store, limits) =>
            {
                options.GlobalLimiter = global;
                options.AddPolicy(LoginPolicy, login);
                var uploads = limits.Value.UploadPermitsPerMinute;
                options.AddPolicy(UploadPolicy, context => store.TokenBucket("uploads:" + CallerKey(context), uploads));
                options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                options.OnRejected = RejectAsync;
            });
        return builder;
    }

    public static TokenBucketRateLimiterOptions PerMinute(int permits) => new()
    {
        TokenLimit = permits,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1) / permits,
        AutoReplenishment = true,
        QueueLimit = 0,
    };

    /// <summary>
    /// The client address: the connection's peer, or what a configured trusted proxy reported
    /// (<see cref="TrustedProxiesSetup"/>); X-Forwarded-For from anyone else is not trusted. An
    /// IPv6 client owns at least a /64, so that is one caller. TestServer has no address: "unknown".
    /// </summary>
    public static string ClientIp(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    private static PartitionedRateLimiter<HttpContext> CreateGlobalLimiter(GatewayRateLimitOptions options, RedisRateLimitStore store) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context => store.TokenBucket("all:" + CallerKey(context), options.PermitsPerMinute, optimistic: true));

    private static string CallerKey(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirst("sub")?.Value is { Length: > 0 } subject
            ? "user:" + subject
            : "ip:" + ClientIp(context);

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        // In-process buckets report a TimeSpan, the Redis ones whole seconds under their own name.
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds)
            : rejected.Lease.TryGetMetadata(RateLimitMetadataName.RetryAfter, out var redisRetryAfter) ? redisRetryAfter
            : 60;
        seconds = Math.Max(1, seconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"The request rate limit was exceeded. Retry after {seconds} seconds.",
                Type = ProblemFields.TypeFor(RateLimitedCode),
                Extensions = { [ProblemFields.ErrorCode] = RateLimitedCode },
            },
        });
    }
}
