using System.Diagnostics;
using System.Globalization;
using System.Threading.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Gateway;

/// <summary>
/// One partition's limit: counted in Redis (shared by every gateway replica) while Redis answers
/// within <see cref="GatewayRateLimitOptions.RedisTimeout"/>, else in this process with the same
/// limit. Both limiters are made on first use, so a healthy Redis costs no in-process timers.
/// <para>
/// With an <paramref name="optimisticAllowance"/> above zero, a request is admitted at once when
/// Redis's last answer for the partition left at least the allowance more tokens than admissions
/// still waiting for their answer, and fewer than the allowance wait; its permit is taken from Redis
/// all the same, in the background, or with the next call of a caller who waits for Redis (which must
/// not take the tokens that admission counted on). Every request is still counted in the shared
/// bucket, and a caller whose bucket runs low waits for Redis's answer again, so a replica alone never
/// admits beyond the limit. Only if other replicas took more than that margin since this replica's last
/// answer can it admit too many: at most the allowance, after which its next answer stops it.
/// The round trip per request was one of the gateway's largest fixed costs (docs/benchmarks.md);
/// this takes it off the request's path without giving up the shared budget.
/// </para>
/// </summary>
internal sealed class FallbackRateLimiter(
    Func<RateLimiter> createShared, Func<RateLimiter> createLocal, RedisRateLimitStore store, int optimisticAllowance = 0) : RateLimiter
{
    private static readonly RateLimitLease Admitted = new FixedLease(acquired: true);

    // Redis is only asked asynchronously: failing the synchronous attempt (without counting it)
    // sends the rate-limiting middleware on to AcquireAsync, as the Redis limiters themselves do.
    private static readonly RateLimitLease NotDecidedSynchronously = new FixedLease(acquired: false);

    private RateLimiter? _shared;
    private RateLimiter? _local;

    // Permits admitted ahead of Redis's answer and not yet counted there (at most the allowance), and all
    // permits on their way to Redis, those and the ones whose callers wait: each will take a token that
    // the last answer still showed, so the margin is kept above all of them.
    private int _admittedAhead;
    private int _awaitingAnswer;

    // Answers can be handled out of the order Redis gave them in, and calls can reach Redis out of the
    // order they were numbered in. The count remembered is that of the latest-numbered call answered,
    // less the permits of every other answer handled while it was on its way (those Redis counted
    // before it are taken off twice: the safe side); an older call answered after it takes its own
    // permits off. So a permit whose answer was handled is never missing from the remembered count.
    private readonly Lock _answerGate = new();
    private long _callsSent;
    private long _rememberedCall;
    private long _permitsAnswered;
    private long _remainingAtLastAnswer;

    // Permits of admitted requests not yet sent to Redis, and whether a confirmation is on its way. While one
    // is, later admissions gather here and go together in the next: one script call per round trip and
    // partition instead of one per request (Redis spent about 0.1 ms of CPU per proxied request on them).
    private int _unsentPermits;
    private int _confirming;

    // A busy partition's confirmations go at most this often: Redis's script was about 0.2 ms of the gateway's
    // CPU per call (with Redis unreachable the gateway spent 0.32 ms per proxied request instead of 0.49-0.60),
    // and gathered by round trip alone it still made one call per request at one connection, one per two
    // at sixteen. A quiet partition's permit still goes at once.
    public static readonly TimeSpan ConfirmationInterval = TimeSpan.FromMilliseconds(20);
    private long _lastConfirmationSent;

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

        if (optimisticAllowance > 0 && Volatile.Read(ref _remainingAtLastAnswer) > 0)
        {
            var ahead = Interlocked.Add(ref _admittedAhead, permitCount);
            var waiting = Interlocked.Add(ref _awaitingAnswer, permitCount);
            // Kept an allowance away from the bottom of the bucket, where other replicas' requests
            // since that answer could have taken the rest.
            if (ahead <= optimisticAllowance && waiting + optimisticAllowance <= Volatile.Read(ref _remainingAtLastAnswer))
            {
                store.CountOptimisticAdmission();
                Interlocked.Add(ref _unsentPermits, permitCount);
                if (Interlocked.CompareExchange(ref _confirming, 1, 0) == 0)
                {
                    _ = ConfirmInBackgroundAsync();
                }

                return Admitted;
            }

            Interlocked.Add(ref _admittedAhead, -permitCount);
            Interlocked.Add(ref _awaitingAnswer, -permitCount);
        }

        // Admissions ahead of Redis still unsent go with this call: a caller that waits for Redis must not
        // take, ahead of them, the tokens their admission counted on.
        var carried = optimisticAllowance > 0 ? Interlocked.Exchange(ref _unsentPermits, 0) : 0;
        if (optimisticAllowance > 0)
        {
            Interlocked.Add(ref _awaitingAnswer, permitCount);
        }

        try
        {
            var lease = await AcquireSharedAsync(permitCount + carried, cancellationToken);
            if (carried > 0 && !lease.IsAcquired)
            {
                // Only other replicas can have taken the margin; the caller's own permit is asked for alone.
                store.CountOptimisticOverrun(carried);
                lease.Dispose();
                lease = await AcquireSharedAsync(permitCount, cancellationToken);
            }

            return lease;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // RedisTimeoutException is a TimeoutException, RedisConnectionException a RedisException.
            store.RedisFailed(exception);
            return await LocalAcquireAsync(permitCount, cancellationToken);
        }
        finally
        {
            // Only now: its token is in the remembered answer, or the call failed and nothing is admitted ahead.
            if (optimisticAllowance > 0)
            {
                Interlocked.Add(ref _admittedAhead, -carried);
                Interlocked.Add(ref _awaitingAnswer, -(permitCount + carried));
            }
        }
    }

    private async Task<RateLimitLease> AcquireSharedAsync(int permits, CancellationToken cancellationToken)
    {
        var call = Send();
        try
        {
            var lease = await Shared().AcquireAsync(permits, cancellationToken).AsTask().WaitAsync(store.Timeout, cancellationToken);
            store.RedisAnswered();
            Remember(call, permits, lease);
            return lease;
        }
        catch (Exception exception) when (exception is not (ObjectDisposedException or OperationCanceledException))
        {
            // Whatever went wrong, nothing more is admitted ahead of an answer until Redis answers again.
            Forget(call);
            throw;
        }
    }

    // Takes the admitted requests' permits from Redis, all that gathered since the last call in one, until none
    // are left unsent; a refusal means the caller is at the limit, so the next requests wait for Redis's answer
    // again. The waiting count of each request is released only with the answer that counted its permit, so
    // the bound on admissions ahead of Redis (the allowance) is the same as with one call per request.
    private async Task ConfirmInBackgroundAsync()
    {
        while (true)
        {
            var sinceLast = Stopwatch.GetElapsedTime(Volatile.Read(ref _lastConfirmationSent));
            if (sinceLast < ConfirmationInterval)
            {
                await Task.Delay(ConfirmationInterval - sinceLast);
            }

            var permits = Interlocked.Exchange(ref _unsentPermits, 0);
            if (permits == 0)
            {
                Volatile.Write(ref _confirming, 0);
                // An admission between the exchange above and this release found a confirmation still running.
                if (Volatile.Read(ref _unsentPermits) == 0 || Interlocked.CompareExchange(ref _confirming, 1, 0) != 0)
                {
                    return;
                }

                continue;
            }

            Volatile.Write(ref _lastConfirmationSent, Stopwatch.GetTimestamp());
            try
            {
                using var lease = await AcquireSharedAsync(permits, CancellationToken.None);
                if (!lease.IsAcquired)
                {
                    store.CountOptimisticOverrun(permits);
                }
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                store.RedisFailed(exception);
            }
            catch (Exception)
            {
                // The gateway is stopping and the limiter went with it, or the call failed otherwise
                // (then AcquireSharedAsync stopped admissions ahead of Redis until it answers again).
            }
            finally
            {
                Interlocked.Add(ref _admittedAhead, -permits);
                Interlocked.Add(ref _awaitingAnswer, -permits);
            }
        }
    }

    private Call Send()
    {
        var number = Interlocked.Increment(ref _callsSent);
        return new Call(number, Interlocked.Read(ref _permitsAnswered));
    }

    // The tokens Redis says are left after this answer; none when it refused or did not say.
    private void Remember(Call call, int permits, RateLimitLease lease)
    {
        if (optimisticAllowance == 0)
        {
            return;
        }

        long remaining = 0;
        if (lease.IsAcquired && lease.TryGetMetadata(RateLimitMetadataName.Remaining.Name, out var value) && value is not null)
        {
            remaining = value is long number ? number : long.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        }

        lock (_answerGate)
        {
            var answeredMeanwhile = _permitsAnswered - call.PermitsAnsweredBefore;
            if (lease.IsAcquired)
            {
                Interlocked.Add(ref _permitsAnswered, permits);
            }

            if (remaining > 0 && call.Number < _rememberedCall)
            {
                Volatile.Write(ref _remainingAtLastAnswer, Math.Max(0, _remainingAtLastAnswer - permits));
                return;
            }

            _rememberedCall = Math.Max(_rememberedCall, call.Number);
            Volatile.Write(ref _remainingAtLastAnswer, Math.Max(0, remaining - answeredMeanwhile));
        }
    }

    // A failed call: nothing is admitted ahead until Redis answers again, whatever the order.
    private void Forget(Call call)
    {
        lock (_answerGate)
        {
            _rememberedCall = Math.Max(_rememberedCall, call.Number);
            Volatile.Write(ref _remainingAtLastAnswer, 0);
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

    /// <summary>A call to Redis: its number in sending order, and how many permits had been answered when it left.</summary>
    private readonly record struct Call(long Number, long PermitsAnsweredBefore);

    private sealed class FixedLease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
