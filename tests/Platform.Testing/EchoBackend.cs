using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Testing;

/// <summary>
/// A real Kestrel server on a free loopback port that stands in for a service behind the gateway:
/// it publishes a JWKS, serves an endless event stream on paths ending in <see cref="StreamPathSuffix"/>,
/// and answers every other request with what it received
/// (<c>{ method, path, query, headers, bodyLength, bodySha256 }</c>). Dispose it to simulate a service that is down.
/// </summary>
public sealed class EchoBackend : IAsyncDisposable
{
    public const string JwksPath = "/.well-known/jwks.json";

    /// <summary>A path ending in this answers with <see cref="EchoBackendOptions.BigBodyBytes"/> bytes when that is set.</summary>
    public const string BigPathSuffix = "/big";

    /// <summary>A path ending in this answers <c>text/event-stream</c>: <see cref="FirstEvent"/> at once, then nothing until the caller leaves.</summary>
    public const string StreamPathSuffix = "/stream";

    public const string FirstEvent = "event: hello\ndata: {\"n\":1}\n\n";

    private readonly WebApplication _app;

    private EchoBackend(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Uri JwksUri => new(BaseAddress, JwksPath);

    public static async Task<EchoBackend> StartAsync(TestSigningKey? signingKey = null, EchoBackendOptions? options = null)
    {
        options ??= new EchoBackendOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = options.SendServerHeaders);
        var app = builder.Build();
        app.Run(context => HandleAsync(context, signingKey, options));
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new EchoBackend(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task HandleAsync(HttpContext context, TestSigningKey? signingKey, EchoBackendOptions options)
    {
        if (options.SendServerHeaders)
        {
            context.Response.Headers["X-Powered-By"] = "EchoBackend";
        }

        if (context.Request.Path == JwksPath && signingKey is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(signingKey.JwksJson());
            return;
        }

        if (options.BigBodyBytes > 0 && context.Request.Path.Value?.EndsWith(BigPathSuffix, StringComparison.Ordinal) == true)
        {
            context.Response.ContentType = "application/octet-stream";
            // ?chunked: no Content-Length, the body sent in chunks of varying sizes with a short pause now and then.
            var chunked = context.Request.Query.ContainsKey("chunked");
            context.Response.ContentLength = chunked ? null : options.BigBodyBytes;
            var chunk = new byte[64 * 1024];
            var written = 0;
            for (var remaining = options.BigBodyBytes; remaining > 0;)
            {
                var size = (int)Math.Min(chunked ? 1 + (written % 40_000) : chunk.Length, remaining);
                chunk.AsSpan(0, size).Fill((byte)('a' + written % 26));
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, size));
                written++;
                remaining -= size;
                if (chunked && written % 16 == 0)
                {
                    await Task.Delay(5);
                }
            }

            return;
        }

        if (context.Request.Path.Value?.EndsWith(StreamPathSuffix, StringComparison.Ordinal) == true)
        {
            await StreamAsync(context);
            return;
        }

        long bodyLength = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
        {
            bodyLength += read;
            hash.AppendData(buffer, 0, read);
        }

        var echo = new EchoedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            bodyLength,
            Convert.ToHexStringLower(hash.GetHashAndReset()));
        context.Response.ContentType = "application/json";
        foreach (var (name, value) in options.EchoResponseHeaders)
        {
            context.Response.Headers[name] = value;
        }

        await JsonSerializer.SerializeAsync(context.Response.Body, echo, EchoedRequest.JsonOptions);
    }

    // Like a real SSE endpoint: the first event is flushed while the response stays open, so a
    // client only sees it if nothing between holds it back.
    private static async Task StreamAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.WriteAsync(FirstEvent, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The caller left: the stream ends.
        }
    }
}

public sealed class EchoBackendOptions
{
    /// <summary>Sends <c>Server: Kestrel</c> and <c>X-Powered-By</c>, which the gateway must strip.</summary>
    public bool SendServerHeaders { get; init; }

    /// <summary>Size of the body served on paths ending in <see cref="EchoBackend.BigPathSuffix"/>; 0 leaves them echoes.</summary>
    public long BigBodyBytes { get; init; }

    /// <summary>Headers added to (or replacing, e.g. Content-Type) those of every echo, as a service would send them.</summary>
    public IReadOnlyDictionary<string, string> EchoResponseHeaders { get; init; } = new Dictionary<string, string>();
}

/// <summary>What the echo backend received, as it reports it.</summary>
public sealed record EchoedRequest(string Method, string Path, string Query, Dictionary<string, string> Headers, long BodyLength, string BodySha256)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>A header as received (case-insensitive name), or null.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
