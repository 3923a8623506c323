using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.Jobs;

public static class JobsSetup
{
    /// <summary>
    /// Tracked jobs for a service whose state lives in <typeparamref name="TDb"/> (which must call
    /// <see cref="JobsModel.AddJobTables"/> and <c>AddMessagingTables</c>, and be registered with
    /// <c>AddPlatformMessaging</c>: failures are announced through its outbox). Declares the job
    /// types in <paramref name="configure"/>; adds <see cref="IJobs"/>, the worker, the scheduler and
    /// the listener that wakes the worker when any replica enqueues. See docs/jobs.md.
    /// </summary>
    /// <param name="serviceName">Named in <c>JobFailed</c> events, so alerts can say whose job failed.</param>
    public static WebApplicationBuilder AddPlatformJobs<TDb>(this WebApplicationBuilder builder, string serviceName, Action<JobsBuilder> configure)
        where TDb : DbContext
    {
        var services = builder.Services;
        var registry = new JobRegistry(serviceName);
        configure(new JobsBuilder(services, registry));

        services.AddOptions<JobsOptions>()
            .BindConfiguration(JobsOptions.Section)
            .ValidateDataAnnotations()
            .Validate(
                options => options.ProgressInterval * 3 <= options.LeaseDuration,
                "Jobs:ProgressInterval must be at most a third of Jobs:LeaseDuration, or a live job could lose its lease between two renewals.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(registry);
        services.AddSingleton<JobSignal>();
        services.AddScoped<JobQueue<TDb>>();
        services.AddScoped<IJobs>(provider => provider.GetRequiredService<JobQueue<TDb>>());
        services.AddSingleton<JobWorker<TDb>>();
        services.AddHostedService(provider => provider.GetRequiredService<JobWorker<TDb>>());
        services.AddSingleton<JobScheduler<TDb>>();
        services.AddHostedService(provider => provider.GetRequiredService<JobScheduler<TDb>>());
        services.AddHostedService<JobNotificationListener<TDb>>();
        return builder;
    }
}
