using System.Collections.Concurrent;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;
using Platform.Messaging.Tests.Contracts;
using Platform.Testing;
using RabbitMQ.Client;

namespace Platform.Messaging.Tests;

/// <summary>
/// A service process as far as messaging goes: the real relay, MassTransit on the real RabbitMQ
/// (optionally through a <see cref="TcpProxy"/>), inbox consumers on the real PostgreSQL.
/// </summary>
public sealed class MessagingHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MessagingHost(WebApplication app, int? brokerPort)
    {
        _app = app;
        BrokerPort = brokerPort;
    }

    /// <summary>The proxy port this host reaches the broker through, if any.</summary>
    public int? BrokerPort { get; }

    public IServiceProvider Services => _app.Services;

    internal OutboxRelay<TestDb> Relay => _app.Services.GetRequiredService<OutboxRelay<TestDb>>();

    public Deliveries Deliveries => _app.Services.GetRequiredService<Deliveries>();

    /// <param name="serviceName">Queue prefix: hosts with the same name compete for one queue, like replicas.</param>
    /// <param name="consume">Whether this host runs the consumer (a relay-only host does not).</param>
    /// <param name="settings">More configuration, such as <c>Messaging:QueueType</c>.</param>
    public static async Task<MessagingHost> StartAsync(
        string serviceName, bool consume = true, int? brokerPort = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var broker = new UriBuilder(TestEnvironment.RabbitMqConnectionString);
        if (brokerPort is { } port)
        {
            broker.Port = port;
        }

        builder.Configuration["ConnectionStrings:RabbitMq"] = broker.Uri.ToString();
        builder.Configuration["Messaging:Outbox:PollInterval"] = "00:00:00.100";
        builder.Configuration["Messaging:Outbox:PublishTimeout"] = "00:00:02";
        builder.Configuration["Messaging:Outbox:MaxBackoff"] = "00:00:01";
        builder.Configuration["Messaging:Outbox:BatchSize"] = "20";
        builder.Configuration["Messaging:Outbox:BacklogWarningAge"] = "00:00:02";
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddDbContext<TestDb>(options => options.UseNpgsql(MessagingDatabase.ConnectionString));
        builder.Services.AddSingleton<Deliveries>();
        builder.AddPlatformMessaging<TestDb>(serviceName, new NoIntegrationEvents(), bus =>
        {
            bus.AddConsumeObserver<DeliveryObserver>();
            if (consume)
            {
                // One at a time, so arrival order is publish order and the order test can see it.
                bus.AddConsumer<RecordingConsumer>().Endpoint(endpoint => endpoint.ConcurrentMessageLimit = 1);
            }
        });
        var app = builder.Build();
        await app.StartAsync();
        var host = new MessagingHost(app, brokerPort);
        await host.WaitForBusAsync();
        return host;
    }

    /// <summary>Commits the events through the outbox in one transaction, as a use case would.</summary>
    public async Task CommitAsync(params SomethingHappened[] events)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDb>();
        foreach (var happened in events)
        {
            db.AddIntegrationEvent(happened, happened.AggregateId);
        }

        await db.SaveChangesAsync();
    }

    public async Task<List<Effect>> EffectsAsync(IEnumerable<Guid> messageIds)
    {
        var ids = messageIds.ToList();
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TestDb>().Effects.AsNoTracking()
            .Where(e => ids.Contains(e.MessageId)).OrderBy(e => e.AppliedAt).ToListAsync();
    }

    public async Task<List<OutboxMessage>> OutboxRowsAsync(IEnumerable<Guid> eventIds)
    {
        var ids = eventIds.ToList();
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TestDb>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => ids.Contains(m.Id)).ToListAsync();
    }

    /// <summary>Removes the queues hosts named <paramref name="serviceName"/> declared, so the shared test vhost does not collect them.</summary>
    public static async Task DeleteQueuesAsync(string serviceName)
    {
        var factory = new ConnectionFactory { Uri = new Uri(TestEnvironment.RabbitMqConnectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        foreach (var suffix in new[] { string.Empty, "_error", "_skipped" })
        {
            await using var channel = await connection.CreateChannelAsync();
            await channel.QueueDeleteAsync($"{serviceName}-recording{suffix}", ifUnused: false, ifEmpty: false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task WaitForBusAsync()
    {
        var bus = Services.GetRequiredService<IBusControl>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (bus.CheckHealth().Status != BusHealthStatus.Healthy)
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}

/// <summary>Every delivery a host's consumers saw, duplicates included, in arrival order.</summary>
public sealed class Deliveries
{
    public ConcurrentQueue<Guid> MessageIds { get; } = new();

    public int Count(Guid messageId) => MessageIds.Count(id => id == messageId);
}

internal sealed class DeliveryObserver(Deliveries deliveries) : IConsumeObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        deliveries.MessageIds.Enqueue(context.MessageId ?? Guid.Empty);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}

/// <summary>Applies <see cref="SomethingHappened"/> through the inbox; fails on request.</summary>
internal sealed class RecordingConsumer(TestDb db) : InboxConsumer<SomethingHappened, TestDb>(db)
{
    /// <summary>Messages whose permanent failure has been "fixed" (as a deploy of a bug fix would).</summary>
    public static readonly ConcurrentDictionary<Guid, bool> Cured = new();

    private static readonly ConcurrentDictionary<Guid, int> Attempts = new();

    protected override Task HandleAsync(SomethingHappened message, ConsumeContext<SomethingHappened> context)
    {
        var attempt = Attempts.AddOrUpdate(message.EventId, 1, (_, n) => n + 1);
        switch (message.Behaviour)
        {
            case Behaviour.FailPermanently when !Cured.ContainsKey(message.EventId):
                throw new PermanentMessageException("This message breaks a rule.");
            case Behaviour.FailTwiceThenApply when attempt <= 2:
                throw new TimeoutException("A transient failure.");
        }

        Db.Effects.Add(new Effect
        {
            MessageId = context.MessageId!.Value, AggregateId = message.AggregateId, Index = message.Index, AppliedAt = DateTimeOffset.UtcNow,
            TraceId = System.Diagnostics.Activity.Current?.TraceId.ToHexString(),
        });
        return Task.CompletedTask;
    }
}
