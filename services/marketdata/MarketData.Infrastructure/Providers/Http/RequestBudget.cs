using System.Threading.RateLimiting;
using MarketData.Application.Providers;

namespace MarketData.Infrastructure.Providers.Http;

/// <summary>
/// A vendor's plan as a sliding window of <c>RequestsPerMinute</c> permits over one minute, in
/// 10-second segments: a permit spent comes back 50 to 60 seconds later. One per provider and per
/// process. Twelve Data counts credits (one per symbol of a batch), so a request may cost more than one.
/// </summary>
internal sealed class RequestBudget : IDisposable
{
    private static readonly HttpRequestOptionsKey<CallCharge> ChargeKey = new("MarketData.RequestBudget.Charge");
    private static readonly HttpRequestOptionsKey<int> CostKey = new("MarketData.RequestBudget.Cost");

    private readonly SlidingWindowRateLimiter _limiter;

    public RequestBudget(string provider, HttpProviderOptions options)
    {
        Provider = provider;
        PermitsPerMinute = options.RequestsPerMinute;
        MaxWait = TimeSpan.FromMilliseconds(options.MaxBudgetWaitMs);
        _limiter = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.RequestsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = options.MaxQueuedRequests,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    public string Provider { get; }

    public int PermitsPerMinute { get; }

    public TimeSpan MaxWait { get; }

    /// <summary>Marks what one request costs in the plan's units (default one).</summary>
    public static void SetCost(HttpRequestMessage request, int cost) => request.Options.Set(CostKey, cost);

    public void Dispose() => _limiter.Dispose();

    /// <summary>Waits (bounded) for the permits of a call's first attempt, before any timeout of the call starts.</summary>
    internal async Task PayFirstAttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var cost = Cost(request);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(MaxWait);
        RateLimitLease lease;
        try
        {
            lease = await _limiter.AcquireAsync(cost, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Spent($"no permit within {MaxWait.TotalMilliseconds:0} ms");
        }

        using (lease)
        {
            if (!lease.IsAcquired)
            {
                throw Spent("too many calls already waiting for a permit");
            }
        }

        request.Options.Set(ChargeKey, new CallCharge());
    }

    /// <summary>
    /// Charges one attempt: the first was paid before the call, each retry takes permits at once or
    /// is not sent (the vendor counts retries too, and waiting here would run into the attempt timeout).
    /// </summary>
    internal void ChargeAttempt(HttpRequestMessage request)
    {
        // Retries are clones of the request that share its options, so the charge object is shared too.
        if (request.Options.TryGetValue(ChargeKey, out var charge) && Interlocked.Exchange(ref charge.FirstAttemptPaid, 0) == 1)
        {
            return;
        }

        using var lease = _limiter.AttemptAcquire(Cost(request));
        if (!lease.IsAcquired)
        {
            throw Spent("no permit left for a retry");
        }
    }

    private int Cost(HttpRequestMessage request) =>
        request.Options.TryGetValue(CostKey, out var cost) ? Math.Clamp(cost, 1, PermitsPerMinute) : 1;

    private ProviderException Spent(string why) =>
        new(Provider, $"request budget of {PermitsPerMinute} per minute spent: {why}");

    private sealed class CallCharge
    {
        public int FirstAttemptPaid = 1;
    }
}

/// <summary>Outside the resilience handler: a call waits here for its budget before its timeouts start.</summary>
internal sealed class RequestBudgetHandler(RequestBudget budget) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await budget.PayFirstAttemptAsync(request, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Inside the resilience handler, next to the wire: every attempt that is sent has been paid for.</summary>
internal sealed class AttemptBudgetHandler(RequestBudget budget) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        budget.ChargeAttempt(request);
        return base.SendAsync(request, cancellationToken);
    }
}
