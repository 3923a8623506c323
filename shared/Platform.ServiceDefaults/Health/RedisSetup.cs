using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Auth;
using Platform.SharedKernel;
using StackExchange.Redis;

namespace Platform.ServiceDefaults.Health;

public static class RedisSetup
{
    /// <summary>
    /// One multiplexer per process (connection string <c>Redis</c>), connecting lazily and retrying in
    /// the background so a cache outage never stops start-up; readiness reports it as Degraded. It holds
    /// the access-token revocation list every validator copies (<see cref="RevocationList"/>), and backs <c>IDistributedCache</c>
    /// (keys prefixed <c>Redis:InstanceName</c>). Part of authentication, so no service can leave it out.
    /// </summary>
    public static WebApplicationBuilder AddPlatformRedis(this WebApplicationBuilder builder)
    {
        if (builder.Services.Any(service => service.ServiceType == typeof(IConnectionMultiplexer)))
        {
            return builder;
        }

        builder.Services.AddOptions<RedisConnection>()
            .Configure<IConfiguration>((redis, configuration) => redis.ConnectionString = configuration.GetConnectionString("Redis") ?? "")
            .Validate(redis => redis.ConnectionString.Length > 0, "ConnectionStrings:Redis is not configured: the revocation list and caches live there.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IConnectionMultiplexer>(services =>
        {
            var options = ConfigurationOptions.Parse(services.GetRequiredService<IOptions<RedisConnection>>().Value.ConnectionString);
            options.AbortOnConnectFail = false;
            options.ConnectTimeout = 2000;
            options.SyncTimeout = 2000;
            options.AsyncTimeout = 2000;
            return ConnectionMultiplexer.Connect(options);
        });
        builder.Services.AddStackExchangeRedisCache(_ => { });
        builder.Services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider, IConfiguration>((cache, services, configuration) =>
        {
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>());
            cache.InstanceName = configuration["Redis:InstanceName"] ?? "platform:cache:";
        });
        // Every service and the gateway serve without Redis (rate limits fall back to each replica,
        // the revocation list to its in-memory copy), so an outage degrades readiness instead of
        // taking the whole platform out of rotation.
        builder.Services.AddHealthChecks().AddRedis(
            services => services.GetRequiredService<IConnectionMultiplexer>(), "redis", failureStatus: HealthStatus.Degraded, tags: [HealthSetup.ReadyTag]);
        builder.Services.TryAddSingleton<RevocationList>();
        builder.Services.TryAddSingleton<IAccessTokenRevocation>(services => services.GetRequiredService<RevocationList>());
        builder.Services.AddHostedService(services => services.GetRequiredService<RevocationList>());
        return builder;
    }

    private sealed class RedisConnection
    {
        public string ConnectionString { get; set; } = "";
    }
}
