using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portfolio.Application.Snapshots;

namespace Portfolio.Application.Batch;

public static class BatchSetup
{
    /// <summary>What the batch's handlers and its consumer need; the job types are registered by <see cref="BatchJobs.Register"/>.</summary>
    public static IHostApplicationBuilder AddPortfolioBatch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BatchOptions>().BindConfiguration(BatchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<BatchWorker>();
        builder.Services.AddScoped<SnapshotWriter>();
        builder.Services.AddSingleton<RunHistory>();
        return builder;
    }

    /// <summary>The batch queue's consumer, on a queue every replica shares.</summary>
    public static void AddBatchConsumer(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<PortfolioBatchItemConsumer, PortfolioBatchItemConsumerDefinition>();
}
