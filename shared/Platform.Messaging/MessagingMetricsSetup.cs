using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.Messaging;

public static class MessagingMetricsSetup
{
    /// <summary>
    /// Registers <see cref="MessagingMetrics"/> once per service; the relay and every inbox consumer
    /// need it. Idempotent, so it can move into <see cref="MessagingSetup.AddPlatformMessaging{TDb}"/>
    /// without breaking a service that still calls it.
    /// </summary>
    public static IServiceCollection AddMessagingMetrics(this IServiceCollection services, string serviceName)
    {
        services.AddMetrics();
        services.TryAddSingleton(provider => new MessagingMetrics(provider.GetRequiredService<IMeterFactory>(), serviceName));
        return services;
    }
}
