using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Portfolio.Tests.Batch;

/// <summary>Another portfolio host on the same database and vhost (a second replica, or one in another environment), with its own signing key.</summary>
internal sealed class ExtraHost<TFactory> : IAsyncDisposable
    where TFactory : WebApplicationFactory<Program>
{
    private readonly TestSigningKey _key;
    private readonly EchoBackend _jwks;

    private ExtraHost(TestSigningKey key, EchoBackend jwks, TFactory factory) => (_key, _jwks, Factory) = (key, jwks, factory);

    public TFactory Factory { get; }

    public static async Task<ExtraHost<TFactory>> StartAsync(Func<TestSigningKey, Uri, TFactory> create)
    {
        var key = TestSigningKey.Create();
        var jwks = await EchoBackend.StartAsync(key);
        var host = new ExtraHost<TFactory>(key, jwks, create(key, jwks.JwksUri));
        using var warmUp = host.Factory.CreateClient();
        var health = await host.Factory.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        Assert.That(health, Is.EqualTo(BusHealthStatus.Healthy), "the extra host's bus did not start");
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _jwks.DisposeAsync();
        _key.Dispose();
    }
}
