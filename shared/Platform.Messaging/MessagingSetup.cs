using System.ComponentModel.DataAnnotations;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Messaging.FailedMessages;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults.Health;

namespace Platform.Messaging;

public static class MessagingSetup
{
    /// <summary>
    /// The event backbone for a service whose state lives in <typeparamref name="TDb"/> (which must
    /// call <see cref="MessagingModel.AddMessagingTables"/>): MassTransit over RabbitMQ (connection
    /// string <c>RabbitMq</c>, an amqp:// URI), the transactional outbox and its relay, inbox-based
    /// consumers (listed explicitly by <paramref name="registerConsumers"/>), retries, and readiness.
    /// Domain events of aggregates become integration events through <paramref name="events"/>, the
    /// service's one declaration of what it publishes. See docs/messaging.md.
    /// </summary>
    public static WebApplicationBuilder AddPlatformMessaging<TDb>(
        this WebApplicationBuilder builder, string serviceName, IntegrationEventMap events, Action<IBusRegistrationConfigurator>? registerConsumers = null)
        where TDb : DbContext
    {
        var services = builder.Services;
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<InboxAudit>();
        services.AddMessagingMetrics(serviceName);
        services.ConfigureDbContext<TDb>((provider, options) => options.AddInterceptors(
            new OutboxInterceptor(events, provider.GetRequiredService<OutboxSignal>(), provider.GetRequiredService<TimeProvider>()),
            new OutboxCommitInterceptor(provider.GetRequiredService<OutboxSignal>())));
        services.AddSingleton<OutboxRelay<TDb>>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxRelay<TDb>>());
        services.AddHealthChecks().AddCheck<OutboxHealthCheck<TDb>>("outbox", tags: [HealthSetup.ReadyTag]);

        // Read here, not through IOptions: endpoints are configured while the bus is being built.
        var queueOptions = builder.Configuration.GetSection(QueueOptions.Section).Get<QueueOptions>() ?? new QueueOptions();
        Validator.ValidateObject(queueOptions, new ValidationContext(queueOptions), validateAllProperties: true);
        var queues = new ServiceQueues();
        services.AddSingleton(queues);
        services.AddSingleton<ErrorQueues>();

        services.AddOptions<MassTransitHostOptions>().Configure(options =>
        {
            // A broker outage delays messaging, not start-up; readiness reports the bus.
            options.WaitUntilStarted = false;
            options.StopTimeout = TimeSpan.FromSeconds(15);
        });
        services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            bus.AddConfigureEndpointsCallback((queueName, endpoint) =>
            {
                queues.Add(queueName);
                queueOptions.Apply(queueName, endpoint);
            });
            registerConsumers?.Invoke(bus);
            // The service keeps serving while the broker is away: writes commit with their events in
            // the outbox, which the relay sends once the broker is back. So a broker outage makes
            // readiness Degraded (the outbox check tells how far behind), not a reason to leave rotation.
            bus.ConfigureHealthCheckOptions(health => health.MinimalFailureStatus = HealthStatus.Degraded);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var broker = new Uri(context.GetRequiredService<IConfiguration>().GetConnectionString("RabbitMq")
                    ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not configured."));
                rabbit.Host(broker, host =>
                {
                    var credentials = broker.UserInfo.Split(':', 2);
                    if (credentials.Length == 2)
                    {
                        host.Username(Uri.UnescapeDataString(credentials[0]));
                        host.Password(Uri.UnescapeDataString(credentials[1]));
                    }

                    host.PublisherConfirmation = true;
                    host.Heartbeat(TimeSpan.FromSeconds(10));
                });
                // Transient failures (a database restart, a deadlock) are retried with growing pauses
                // over about two minutes while the message stays unacknowledged; a permanent one goes
                // straight to the queue's _error queue, where an admin can inspect and replay it.
                rabbit.UseMessageRetry(retry =>
                {
                    retry.Exponential(8, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(500));
                    retry.Ignore<PermanentMessageException>();
                    retry.Ignore<System.Text.Json.JsonException>();
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
