using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gateway;

/// <summary>Who is trying to sign in: from where, and as whom (null when the body names nobody).</summary>
internal readonly record struct LoginCaller(string ClientIp, string? Account);

/// <summary>
/// The <c>login</c> policy: a permit needs both the client IP's bucket and the account's bucket, so
/// neither one address guessing many accounts nor many addresses guessing one account get far.
/// </summary>
internal sealed class LoginRateLimiterPolicy : IRateLimiterPolicy<LoginCaller>, IDisposable
{
    private readonly PartitionedRateLimiter<LoginCaller> _limiter;

    public LoginRateLimiterPolicy(IOptions<GatewayRateLimitOptions> options, RedisRateLimitStore store)
    {
        var perIp = options.Value.LoginPermitsPerMinutePerIp;
        var perAccount = options.Value.LoginPermitsPerMinute;
        _limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<LoginCaller, string>(caller => store.TokenBucket("login-ip:" + caller.ClientIp, perIp)),
            PartitionedRateLimiter.Create<LoginCaller, string>(caller => caller.Account is null
                ? RateLimitPartition.GetNoLimiter("")
                : store.TokenBucket("login-account:" + AccountKey(caller.Account), perAccount)));
    }

    // Null: rejections are worded by the global OnRejected.
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    /// <summary>
    /// The middleware wants one limiter per partition, but the IP and account buckets are shared
    /// across partitions: each partition gets a view of the shared chain for its caller.
    /// </summary>
    public RateLimitPartition<LoginCaller> GetPartition(HttpContext httpContext)
    {
        var caller = new LoginCaller(RateLimitingSetup.ClientIp(httpContext), LoginAccountMiddleware.Get(httpContext));
        return RateLimitPartition.Get(caller, key => new CallerView(_limiter, key));
    }

    public void Dispose() => _limiter.Dispose();

    /// <summary>
    /// The account as it goes into a Redis key: hashed, so sign-in names (e-mail addresses) are not
    /// readable from Redis and a key stays short whatever the body held.
    /// </summary>
    private static string AccountKey(string account) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(account)).AsSpan(0, 16));

    private sealed class CallerView(PartitionedRateLimiter<LoginCaller> limiter, LoginCaller caller) : RateLimiter
    {
        private long _lastUsed = Stopwatch.GetTimestamp();

        // Lets the middleware drop idle views; the buckets behind them live on in the shared chain.
        public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

        public override RateLimiterStatistics? GetStatistics() => limiter.GetStatistics(caller);

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
            return limiter.AttemptAcquire(caller, permitCount);
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
            return limiter.AcquireAsync(caller, permitCount, cancellationToken);
        }
    }
}
