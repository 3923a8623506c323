using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Gateway;

/// <summary>
/// Where the gateway's limits are counted: in Redis, so all replicas share one budget per caller,
/// or, while Redis is unreachable, in this process with the same limits (a caller then gets at
/// most one budget per replica, never an unlimited one). A failed or slow Redis call marks Redis
/// unusable for <see cref="GatewayRateLimitOptions.RedisRetryInterval"/>, so during an outage
/// requests do not each wait for the timeout; switching either way is logged once and counted.
/// </summary>
internal sealed partial class RedisRateLimitStore : IHostedService
{
    public const string MeterName = "Platform.Gateway";

    private readonly IServiceProvider _services;
    private readonly GatewayRateLimitOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisRateLimitStore> _logger;
    private readonly Counter<long> _localDecisions;
    private readonly Counter<long> _optimisticOverruns;
    private readonly Counter<long> _optimisticAdmissions;
    private IConnectionMultiplexer? _redis;
    private long _retryAt;
    private int _local;

    public RedisRateLimitStore(
        IServiceProvider services, IOptions<GatewayRateLimitOptions> options, TimeProvider time, IMeterFactory meters, ILogger<RedisRateLimitStore> logger)
    {
        _services = services;
        _options = options.Value;
        _time = time;
        _logger = logger;
        // The factory owns (and disposes) the meter.
        var meter = meters.Create(MeterName);
        _localDecisions = meter.CreateCounter<long>(
            "platform.gateway.rate_limit.local_decisions", "{request}", "Rate-limit decisions taken in process because Redis was unreachable.");
        _optimisticAdmissions = meter.CreateCounter<long>(
            "platform.gateway.rate_limit.optimistic_admissions", "{request}", "Requests admitted on Redis's previous answer while their own permit was taken in the background.");
        _optimisticOverruns = meter.CreateCounter<long>(
            "platform.gateway.rate_limit.optimistic_overruns", "{request}", "Requests admitted ahead of Redis's answer that Redis then refused (the bounded overrun).");
        meter.CreateObservableGauge(
            "platform.gateway.rate_limit.redis_unavailable", () => Volatile.Read(ref _local), "{state}", "1 while rate limits are counted in process, 0 while in Redis.");
    }

    public TimeSpan Timeout => _options.RedisTimeout;

    /// <summary>
    /// A token bucket of <paramref name="permitsPerMinute"/> refilled smoothly over a minute, under
    /// the Redis key <c>rl:tb:{&lt;KeyPrefix&gt;&lt;key&gt;}</c> (the library wraps the name in its own hash tag).
    /// </summary>
    /// <param name="optimistic">
    /// Whether a request may be admitted on the strength of the partition's last answer from Redis
    /// while this one is still on its way (see <see cref="FallbackRateLimiter"/>): for the general
    /// limit, where a round trip per request is the gateway's largest fixed cost, not for sign-in.
    /// </param>
    public RateLimitPartition<string> TokenBucket(string key, int permitsPerMinute, bool optimistic = false) =>
        RateLimitPartition.Get(key, partition => new FallbackRateLimiter(
            () => new RedisTokenBucketRateLimiter<string>(_options.KeyPrefix + partition, new RedisTokenBucketRateLimiterOptions
            {
                TokenLimit = permitsPerMinute,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1) / permitsPerMinute,
                // Made only after IsRedisUsable() saw a connected multiplexer.
                ConnectionMultiplexerFactory = () => _redis!,
            }),
            () => new TokenBucketRateLimiter(RateLimitingSetup.PerMinute(permitsPerMinute)),
            this,
            optimistic ? OptimisticAllowance(permitsPerMinute) : 0));

    /// <summary>
    /// How many requests of one partition may be admitted ahead of Redis's answer: one per hundred
    /// permits a minute, at least one. That is also the most a caller can exceed the limit by, per
    /// replica, before the first refusal from Redis makes the partition wait for answers again.
    /// </summary>
    public static int OptimisticAllowance(int permitsPerMinute) => Math.Max(1, permitsPerMinute / 100);

    public void CountOptimisticAdmission() => _optimisticAdmissions.Add(1);

    public void CountOptimisticOverrun(int requests) => _optimisticOverruns.Add(requests);

    /// <summary>False while the multiplexer has no connection or a recent call failed: then nobody waits for Redis.</summary>
    public bool IsRedisUsable()
    {
        if (_redis is { IsConnected: true } && _time.GetTimestamp() >= Volatile.Read(ref _retryAt))
        {
            return true;
        }

        if (Interlocked.Exchange(ref _local, 1) == 0)
        {
            LogSwitchedToLocal(_logger, null);
        }

        return false;
    }

    public void RedisAnswered()
    {
        if (Interlocked.Exchange(ref _local, 0) == 1)
        {
            LogSwitchedToRedis(_logger);
        }
    }

    public void RedisFailed(Exception exception)
    {
        Volatile.Write(ref _retryAt, _time.GetTimestamp() + (long)(_options.RedisRetryInterval.TotalSeconds * _time.TimestampFrequency));
        if (Interlocked.Exchange(ref _local, 1) == 0)
        {
            LogSwitchedToLocal(_logger, exception);
        }
    }

    public void CountLocalDecision() => _localDecisions.Add(1);

    /// <summary>
    /// Connects before the first request: the multiplexer blocks for up to its connect timeout when
    /// first made, which belongs in start-up, not in a caller's request.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _redis = _services.GetRequiredService<IConnectionMultiplexer>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Redis is unreachable: rate limits are counted in this process (one budget per replica) until it answers again.")]
    private static partial void LogSwitchedToLocal(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Redis answers again: rate limits are shared by all replicas once more.")]
    private static partial void LogSwitchedToRedis(ILogger logger);
}
