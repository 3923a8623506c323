using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Testing;

/// <summary>
/// A real HTTP listener that accepts OTLP/HTTP protobuf exports and keeps the raw payloads, so a
/// test can check that a service exports its traces and metrics (payloads carry span names and the
/// service name as plain UTF-8 strings).
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            receiver._received.Enqueue((context.Request.Path, buffer.ToArray()));
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        receiver.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        return receiver;
    }

    /// <summary>Waits until a payload posted to <paramref name="path"/> contains every one of the given strings.</summary>
    public async Task<bool> WaitForAsync(string path, TimeSpan timeout, params string[] fragments)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_received.Any(item => item.Path == path && fragments.All(f => Contains(item.Body, f))))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    /// <summary>What arrived so far, for failure messages.</summary>
    public string Summary => string.Join(", ", _received.Select(item => $"{item.Path} ({item.Body.Length} bytes)"));

    private static bool Contains(byte[] body, string fragment) =>
        body.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(fragment)) >= 0;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
