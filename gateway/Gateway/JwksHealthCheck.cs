using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Auth;

namespace Gateway;

/// <summary>Ready only when the identity service's JWKS answers with keys: without them no token validates.</summary>
internal sealed class JwksHealthCheck(IHttpClientFactory clients, IOptions<AuthOptions> auth) : IHealthCheck
{
    public const string HttpClientName = "jwks-health";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await clients.CreateClient(HttpClientName).GetAsync(auth.Value.JwksUri, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return HealthCheckResult.Unhealthy($"The JWKS endpoint answered {(int)response.StatusCode}.");
            }

            var keys = new JsonWebKeySet(await response.Content.ReadAsStringAsync(cancellationToken));
            return keys.Keys.Count > 0
                ? HealthCheckResult.Healthy($"{keys.Keys.Count} signing key(s) published.")
                : HealthCheckResult.Unhealthy("The JWKS endpoint publishes no keys.");
        }
        catch (HttpRequestException exception)
        {
            return HealthCheckResult.Unhealthy("The JWKS endpoint does not answer.", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The JWKS endpoint timed out.", exception);
        }
        catch (ArgumentException exception)
        {
            // JsonWebKeySet reports an unreadable document this way.
            return HealthCheckResult.Unhealthy("The JWKS endpoint answers with something that is not a key set.", exception);
        }
    }
}
