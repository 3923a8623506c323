using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.SharedKernel;
using Platform.Testing;

namespace Alerts.Tests;

/// <summary>
/// The alerts service in process on the real servers (see <see cref="ServiceApiFactory{TEntryPoint}"/>).
/// Events reach it through the real broker, published by the test.
/// </summary>
public sealed class AlertsApiFactory(TestSigningKey key, Uri jwksUri) : ServiceApiFactory<Program>("alerts", key, jwksUri)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Low enough for a test to reach, high enough for any one test's own streams.</summary>
    public const int MaxStreamsPerUser = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Alerts:StreamHeartbeat", "00:00:01");
        builder.UseSetting("EventStreams:MaxPerUser", MaxStreamsPerUser.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public HttpClient User(out Guid userId) => ClientFor(out userId, PlatformRoles.Analyst);

    public HttpClient Admin(out Guid userId) => ClientFor(out userId, PlatformRoles.Admin);

    /// <summary>Publishes through the real broker, with the event id as message id (what the inbox keys on).</summary>
    public Task PublishAsync<T>(T message)
        where T : class, IIntegrationEvent =>
        Services.GetRequiredService<IBus>().Publish(message, context => context.MessageId = message.EventId);
}

/// <summary>One alerts service for the whole assembly: migrations, start-up and queue set-up are paid once.</summary>
[SetUpFixture]
public sealed class AlertsService
{
    private static TestSigningKey _key = null!;
    private static EchoBackend _jwks = null!;

    public static AlertsApiFactory Factory { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _key = TestSigningKey.Create();
        _jwks = await EchoBackend.StartAsync(_key);
        Factory = new AlertsApiFactory(_key, _jwks.JwksUri);
        using var warmUp = Factory.CreateClient();
        // Until the receive endpoints are up, their queues may not be bound and a published event would be dropped.
        var health = await Factory.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        Assert.That(health, Is.EqualTo(BusHealthStatus.Healthy), "the bus did not start");
    }

    /// <summary>A second alerts process on the same servers and token key: another replica behind the gateway.</summary>
    public static async Task<AlertsApiFactory> StartReplicaAsync()
    {
        var replica = new AlertsApiFactory(_key, _jwks.JwksUri);
        using var warmUp = replica.CreateClient();
        var health = await replica.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        Assert.That(health, Is.EqualTo(BusHealthStatus.Healthy), "the replica's bus did not start");
        return replica;
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await Factory.DisposeAsync();
        await _jwks.DisposeAsync();
        _key.Dispose();
    }
}
