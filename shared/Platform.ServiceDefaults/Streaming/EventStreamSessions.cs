using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Auth;
using Platform.SharedKernel;
using StackExchange.Redis;

namespace Platform.ServiceDefaults.Streaming;

/// <summary>
/// Admits and ends long-lived responses such as Server-Sent Events. A user holds at most
/// <see cref="EventStreamOptions.MaxPerUser"/> streams of a kind across every replica (a slot per
/// stream in a Redis sorted set, renewed while the stream is open and freed when it ends); each
/// stream ends when its access token expires, when the user's sessions are revoked (log-out
/// everywhere, deactivation, role change: on every replica, within moments), when the client
/// leaves, or when the service stops. Without Redis the cap is kept per replica until it returns.
/// </summary>
public sealed class EventStreamSessions(
    IConnectionMultiplexer redis,
    RevocationList revocations,
    IOptions<EventStreamOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<EventStreamSessions> logger)
{
    // A timer cannot reach weeks ahead; a stream that long reconnects once a day anyway.
    private static readonly TimeSpan MaxStreamLifetime = TimeSpan.FromDays(1);

    // Drops expired slots, counts the rest and takes one if there is room: in one step, so two
    // replicas admitting the same user's streams at once cannot both take the last slot.
    private const string AcquireScript = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
        redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        return 1
        """;

    private readonly ConcurrentDictionary<string, int> _localCounts = new(StringComparer.Ordinal);

    /// <summary>
    /// Opens a stream of <paramref name="kind"/> for the caller, or says why not (429 at the cap).
    /// Dispose the returned stream when the response ends.
    /// </summary>
    public async Task<Result<EventStream>> OpenAsync(HttpContext http, string kind, CancellationToken cancellationToken)
    {
        var subject = http.User.FindFirst("sub")?.Value;
        if (subject is null)
        {
            return Error.Unauthorized("stream.no_subject", "Streams are opened by a signed-in user.");
        }

        var key = $"platform:streams:{kind}:{subject}";
        var member = Guid.NewGuid().ToString("N");
        var limit = options.Value.MaxPerUser;
        var shared = await TryAcquireSharedAsync(key, member, limit);
        if (shared == false || (shared is null && !TryAcquireLocal(key, limit)))
        {
            return Error.TooManyRequests(
                "stream.too_many",
                $"At most {limit} {kind} streams may be open per user at once; close one first.");
        }

        var stamp = http.User.FindFirst(IAccessTokenRevocation.StampClaim)?.Value;
        var watch = stamp is null ? new RevocationWatch(CancellationToken.None) : revocations.Watch(subject, stamp);
        var expiry = new CancellationTokenSource(UntilExpiry(http), clock);
        var ending = CancellationTokenSource.CreateLinkedTokenSource(
            cancellationToken, http.RequestAborted, expiry.Token, watch.Revoked, lifetime.ApplicationStopping);
        var stream = new EventStream(this, key, member, shared is true, ending, expiry, watch);
        if (shared is true)
        {
            stream.Renewal = RenewWhileOpenAsync(key, member, ending.Token);
        }

        return stream;
    }

    private async Task<bool?> TryAcquireSharedAsync(string key, string member, int limit)
    {
        var lease = options.Value.LeaseDuration;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            var taken = await redis.GetDatabase().ScriptEvaluateAsync(
                AcquireScript, [key], [now, limit, now + (long)lease.TotalMilliseconds, member, (long)lease.TotalMilliseconds * 2]);
            return (long)taken == 1;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning("Stream slots not shared through Redis ({Reason}); this replica counts its own until Redis is back.", exception.Message);
            return null;
        }
    }

    private bool TryAcquireLocal(string key, int limit)
    {
        while (true)
        {
            var open = _localCounts.GetOrAdd(key, 0);
            if (open >= limit)
            {
                return false;
            }

            if (_localCounts.TryUpdate(key, open + 1, open))
            {
                return true;
            }
        }
    }

    private async Task RenewWhileOpenAsync(string key, string member, CancellationToken ending)
    {
        var lease = options.Value.LeaseDuration;
        using var timer = new PeriodicTimer(lease / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ending))
            {
                var until = clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)lease.TotalMilliseconds;
                try
                {
                    var database = redis.GetDatabase();
                    await database.SortedSetAddAsync(key, member, until, SortedSetWhen.Always);
                    await database.KeyExpireAsync(key, lease * 2);
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException)
                {
                    // The slot lapses if Redis stays away; the stream goes on (the cap is a guard, not a lock).
                    logger.LogDebug(exception, "Stream slot {Member} not renewed.", member);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The stream ended.
        }
    }

    internal async Task ReleaseAsync(string key, string member, bool shared)
    {
        if (!shared)
        {
            _localCounts.AddOrUpdate(key, 0, (_, open) => Math.Max(0, open - 1));
            return;
        }

        try
        {
            await redis.GetDatabase().SortedSetRemoveAsync(key, member);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // The slot expires on its own after one lease.
            logger.LogDebug(exception, "Stream slot {Member} left to expire.", member);
        }
    }

    private TimeSpan UntilExpiry(HttpContext http)
    {
        var exp = http.User.FindFirst("exp")?.Value;
        if (!long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            // Authentication requires exp, so this is a token the handler already refused; be safe anyway.
            return TimeSpan.Zero;
        }

        var remaining = DateTimeOffset.FromUnixTimeSeconds(seconds) - clock.GetUtcNow();
        return remaining <= TimeSpan.Zero ? TimeSpan.Zero : remaining > MaxStreamLifetime ? MaxStreamLifetime : remaining;
    }
}

/// <summary>One admitted stream: write until <see cref="Ending"/> fires, then dispose.</summary>
public sealed class EventStream : IAsyncDisposable
{
    private readonly EventStreamSessions _sessions;
    private readonly string _key;
    private readonly string _member;
    private readonly bool _shared;
    private readonly CancellationTokenSource _ending;
    private readonly CancellationTokenSource _expiry;
    private readonly RevocationWatch _watch;

    internal EventStream(
        EventStreamSessions sessions, string key, string member, bool shared, CancellationTokenSource ending, CancellationTokenSource expiry, RevocationWatch watch)
    {
        _sessions = sessions;
        _key = key;
        _member = member;
        _shared = shared;
        _ending = ending;
        _expiry = expiry;
        _watch = watch;
    }

    /// <summary>Fires when the client leaves, the token expires, the session is revoked or the service stops.</summary>
    public CancellationToken Ending => _ending.Token;

    /// <summary>Whether the stream ended because the user's sessions were revoked.</summary>
    public bool Revoked => _watch.Revoked.IsCancellationRequested;

    internal Task Renewal { get; set; } = Task.CompletedTask;

    /// <summary>
    /// Sends the Server-Sent Events headers (no caching, no proxy buffering, no response buffering)
    /// and the client's reconnection delay, so the client sees the stream open before the first event.
    /// </summary>
    public static async Task BeginAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var response = http.Response;
        response.Headers.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await WriteAsync(response, "retry: 3000\n\n", cancellationToken);
    }

    /// <summary>Writes and flushes at once: an event must not wait in a buffer.</summary>
    public static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// After <see cref="Ending"/> fired: when the user's sessions were revoked (and the client is still
    /// there), says so with <c>event: session_revoked</c>, so the client stops instead of reconnecting
    /// with a token that is now refused.
    /// </summary>
    public async Task SayWhyItEndedAsync(HttpContext http)
    {
        if (Revoked && http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            using var farewell = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await WriteAsync(http.Response, "event: session_revoked\ndata: {}\n\n", farewell.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _ending.CancelAsync();
        await Renewal;
        await _sessions.ReleaseAsync(_key, _member, _shared);
        _ending.Dispose();
        _expiry.Dispose();
        _watch.Dispose();
    }
}
