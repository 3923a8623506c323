using MarketData.Application.Providers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MarketData.Infrastructure.Providers.Http;

/// <summary>
/// What the last calls to one vendor came to, and whether its circuit is open: kept by
/// <see cref="ProviderOutcomeHandler"/> and the circuit breaker's callbacks, read by the health check.
/// </summary>
internal sealed class ProviderHealth(string provider, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private bool _circuitOpen;
    private int _consecutiveFailures;
    private DateTimeOffset? _lastSuccessAt;
    private DateTimeOffset? _lastFailureAt;
    private string? _lastError;

    public string Provider { get; } = provider;

    public void CircuitOpened()
    {
        lock (_gate)
        {
            _circuitOpen = true;
        }
    }

    public void CircuitClosed()
    {
        lock (_gate)
        {
            _circuitOpen = false;
        }
    }

    public void Succeeded()
    {
        lock (_gate)
        {
            _consecutiveFailures = 0;
            _lastSuccessAt = clock.GetUtcNow();
        }
    }

    public void Failed(string error)
    {
        lock (_gate)
        {
            _consecutiveFailures++;
            _lastFailureAt = clock.GetUtcNow();
            _lastError = error;
        }
    }

    public HealthCheckResult Report()
    {
        lock (_gate)
        {
            var data = new Dictionary<string, object>
            {
                ["circuitOpen"] = _circuitOpen,
                ["consecutiveFailures"] = _consecutiveFailures,
            };
            if (_lastSuccessAt is { } success)
            {
                data["lastSuccessAt"] = success;
            }

            if (_lastFailureAt is { } failure)
            {
                data["lastFailureAt"] = failure;
                data["lastError"] = _lastError!;
            }

            // Degraded at worst: stored and cached data are still served while a vendor is down.
            if (_circuitOpen)
            {
                return HealthCheckResult.Degraded($"{Provider}: circuit open, calls fail at once", data: data);
            }

            return _consecutiveFailures > 0
                ? HealthCheckResult.Degraded($"{Provider}: the last {_consecutiveFailures} call(s) failed: {_lastError}", data: data)
                : HealthCheckResult.Healthy($"{Provider}: {(_lastSuccessAt is null ? "no calls yet" : "answering")}", data);
        }
    }
}

internal sealed class ProviderHealthCheck(ProviderHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(health.Report());
}

/// <summary>
/// The outermost handler of a vendor's client: records how each whole call ended (after retries).
/// A 404 is an answer (unknown symbol); a spent request budget or a cancelled call says nothing about the vendor.
/// </summary>
internal sealed class ProviderOutcomeHandler(ProviderHealth health, ApiKeyRedactor redactor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (ProviderException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            health.Failed(redactor.Redact(e.GetType().Name + ": " + e.Message));
            throw;
        }

        // A refused key or plan, throttling and vendor errors count; other 4xx answer a bad question.
        if ((int)response.StatusCode is 401 or 403 or 408 or 429 or >= 500)
        {
            health.Failed($"HTTP {(int)response.StatusCode}");
        }
        else
        {
            health.Succeeded();
        }

        return response;
    }
}
