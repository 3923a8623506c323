using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Gateway;

/// <summary>
/// One partition's limit: counted in Redis (shared by every gateway replica) while Redis answers
/// within <see cref="GatewayRateLimitOptions.RedisTimeout"/>, else in this process with the same
/// limit. Both limiters are made on first use, so a healthy Redis costs no in-process timers.
/// </summary>
internal sealed class FallbackRateLimiter(Func<RateLimiter> createShared, Func<RateLimiter> createLocal, RedisRateLimitStore store) : RateLimiter
{
    // Redis is only asked asynchronously: failing the synchronous attempt (without counting it)
    // sends the rate-limiting middleware on to AcquireAsync, as the Redis limiters themselves do.
    private static readonly RateLimitLease NotDecidedSynchronously = new UndecidedLease();

    private RateLimiter? _shared;
    private RateLimiter? _local;

    // Removable once neither side is in use; a partly drained local bucket keeps it alive.
    public override TimeSpan? IdleDuration
    {
        get
        {
            var shared = Volatile.Read(ref _shared);
            var local = Volatile.Read(ref _local);
            var sharedIdle = shared is null ? TimeSpan.MaxValue : shared.IdleDuration;
            var localIdle = local is null ? TimeSpan.MaxValue : local.IdleDuration;
            return sharedIdle is { } a && localIdle is { } b ? (a < b ? a : b) : null;
        }
    }

    // The Redis limiters keep no statistics (theirs throws), and the local ones would mislead.
    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => NotDecidedSynchronously;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (!store.IsRedisUsable())
        {
            return await LocalAcquireAsync(permitCount, cancellationToken);
        }

        try
        {
            var lease = await Shared().AcquireAsync(permitCount, cancellationToken).AsTask().WaitAsync(store.Timeout, cancellationToken);
            store.RedisAnswered();
            return lease;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // RedisTimeoutException is a TimeoutException, RedisConnectionException a RedisException.
            store.RedisFailed(exception);
            return await LocalAcquireAsync(permitCount, cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _shared?.Dispose();
            _local?.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        if (_shared is not null)
        {
            await _shared.DisposeAsync();
        }

        if (_local is not null)
        {
            await _local.DisposeAsync();
        }

        await base.DisposeAsyncCore();
    }

    private ValueTask<RateLimitLease> LocalAcquireAsync(int permitCount, CancellationToken cancellationToken)
    {
        store.CountLocalDecision();
        return Local().AcquireAsync(permitCount, cancellationToken);
    }

    private RateLimiter Shared() => Volatile.Read(ref _shared) ?? Create(ref _shared, createShared);

    private RateLimiter Local() => Volatile.Read(ref _local) ?? Create(ref _local, createLocal);

    private static RateLimiter Create(ref RateLimiter? field, Func<RateLimiter> factory)
    {
        var created = factory();
        var existing = Interlocked.CompareExchange(ref field, created, null);
        if (existing is null)
        {
            return created;
        }

        created.Dispose();
        return existing;
    }

    private sealed class UndecidedLease : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
