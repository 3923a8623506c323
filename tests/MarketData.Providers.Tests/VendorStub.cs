using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketData.Providers.Tests;

/// <summary>One request as the vendor stub saw it.</summary>
public sealed record ReceivedRequest(string PathAndQuery, string Authorization, DateTimeOffset At);

/// <summary>
/// A real Kestrel app on a free loopback port playing the vendor: it records each request, then
/// answers as the test says, usually with a recorded-style payload from Fixtures/.
/// </summary>
public sealed class VendorStub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private VendorStub(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public static async Task<VendorStub> StartAsync(Func<HttpContext, Task> answer)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        VendorStub? stub = null;
        app.Run(context =>
        {
            if (context.Request.Path == "/warm-up")
            {
                return Task.CompletedTask;
            }

            stub!.Received.Enqueue(new ReceivedRequest(
                context.Request.Path + context.Request.QueryString, context.Request.Headers.Authorization.ToString(), DateTimeOffset.UtcNow));
            return answer(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        stub = new VendorStub(app, new Uri(address.TrimEnd('/') + "/"));
        // The first request JIT-compiles the pipeline, slower than the millisecond timeouts under test.
        using (var warmUp = new HttpClient { BaseAddress = stub.BaseAddress })
        {
            (await warmUp.GetAsync("/warm-up")).Dispose();
        }

        return stub;
    }

    /// <summary>Answers with a fixture file; <c>{base}</c> in it becomes the stub's own address.</summary>
    public Task Fixture(HttpContext context, string name, int status = StatusCodes.Status200OK)
    {
        var body = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name)).Replace("{base}", BaseAddress.ToString(), StringComparison.Ordinal);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body);
    }

    /// <summary>An address where nothing listens: connections are refused.</summary>
    public static Uri Nowhere()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
