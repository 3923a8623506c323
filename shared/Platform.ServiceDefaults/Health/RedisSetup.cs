using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.ServiceDefaults.Auth;
using Platform.SharedKernel;
using StackExchange.Redis;

namespace Platform.ServiceDefaults.Health;

public static class RedisSetup
{
    /// <summary>
    /// One multiplexer per process (connection string <c>Redis</c>), connecting lazily and
    /// retrying in the background so a cache outage never stops start-up; readiness reports it.
    /// Also the store of the access-token revocation list every validator consults.
    /// </summary>
    public static WebApplicationBuilder AddPlatformRedis(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IConnectionMultiplexer>(services =>
        {
            var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString("Redis")
                ?? throw new InvalidOperationException("ConnectionStrings:Redis is not configured.");
            var options = ConfigurationOptions.Parse(connectionString);
            options.AbortOnConnectFail = false;
            options.ConnectTimeout = 2000;
            options.SyncTimeout = 2000;
            return ConnectionMultiplexer.Connect(options);
        });
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthSetup.ReadyTag]);
        builder.Services.AddSingleton<IAccessTokenRevocation, RedisAccessTokenRevocation>();
        return builder;
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var latency = await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.0} ms");
            }
            catch (RedisException exception)
            {
                return HealthCheckResult.Unhealthy("Redis does not answer.", exception);
            }
            catch (TimeoutException exception)
            {
                return HealthCheckResult.Unhealthy("Redis does not answer.", exception);
            }
        }
    }
}
