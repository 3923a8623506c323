using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Portfolio.Application.Modeling;

public static class ModelingSetup
{
    /// <summary>The options (validated at start), the impact calculator and the pass that removes expired sessions.</summary>
    public static IHostApplicationBuilder AddPortfolioModeling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModelingOptions>().BindConfiguration(ModelingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<ImpactCalculator>();
        builder.Services.AddSingleton<ExpiredSessionCleanup>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ExpiredSessionCleanup>());
        return builder;
    }
}
