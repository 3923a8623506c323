using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace Platform.ServiceDefaults.Features;

public static class FeatureSetup
{
    /// <summary>
    /// Feature flags from the standard <c>FeatureManagement</c> configuration section (appsettings,
    /// environment <c>FeatureManagement__Deals.SomeFlag=true</c>), with the built-in filters
    /// (<c>Microsoft.Percentage</c> for a gradual rollout, <c>Microsoft.TimeWindow</c>) and
    /// <c>Microsoft.Targeting</c> on the signed-in caller: users by <c>sub</c>, groups by role.
    /// Flag names and lifecycle: docs/api-conventions.md.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformFeatures(this IHostApplicationBuilder builder)
    {
        builder.Services.AddPlatformFeatures();
        return builder;
    }

    /// <summary>The same registration, for hosts that only expose their services (test hosts).</summary>
    public static IServiceCollection AddPlatformFeatures(this IServiceCollection services)
    {
        // Once only: a second targeting filter would make every targeted flag ambiguous, and a test
        // host may add this before the service's own composition does.
        if (services.Any(service => service.ServiceType == typeof(ITargetingContextAccessor)))
        {
            return services;
        }

        services.AddHttpContextAccessor();
        // AddFeatureManagement registers the percentage and time-window filters itself; WithTargeting
        // adds the targeting filter, which needs to know who is asking.
        services.AddFeatureManagement().WithTargeting<CallerTargetingContextAccessor>();
        return services;
    }
}
