using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Portfolio.Application.Risk;

public static class RiskSetup
{
    /// <summary>The model's parameters (validated at start), the calculator, and the revaluation that price updates trigger.</summary>
    public static IHostApplicationBuilder AddPortfolioRisk(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RiskOptions>().BindConfiguration(RiskOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RevaluationSignal>();
        builder.Services.AddScoped<RiskCalculator>();
        builder.Services.AddSingleton<AnalyticsCache>();
        builder.Services.AddHostedService<RevaluationWorker>();
        return builder;
    }
}
