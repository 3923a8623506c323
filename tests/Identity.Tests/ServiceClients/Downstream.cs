using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Identity.Tests.ServiceClients;

/// <summary>
/// A small real Kestrel app on a free loopback port standing in for the service being called.
/// It records every request that reaches it (path, time, Authorization) before the app answers.
/// </summary>
public sealed class Downstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Downstream(WebApplication app, Uri baseAddress, ConcurrentQueue<ReceivedRequest> received)
    {
        _app = app;
        BaseAddress = baseAddress;
        Received = received;
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<ReceivedRequest> Received { get; }

    public static async Task<Downstream> StartAsync(Action<WebApplication> map, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        services?.Invoke(builder.Services);
        var app = builder.Build();
        var received = new ConcurrentQueue<ReceivedRequest>();
        app.Use((context, next) =>
        {
            received.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path.Value ?? "", DateTimeOffset.UtcNow,
                context.Request.Headers.Authorization.ToString()));
            return next(context);
        });
        map(app);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var baseAddress = new Uri(address.TrimEnd('/') + "/");
        // The first request builds the endpoints and JIT-compiles the pipeline, which on a busy
        // machine takes longer than the millisecond timeouts under test: pay for it here.
        using (var warmUp = new HttpClient { BaseAddress = baseAddress })
        {
            (await warmUp.GetAsync("/warm-up")).Dispose();
        }

        received.Clear();
        return new Downstream(app, baseAddress, received);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
