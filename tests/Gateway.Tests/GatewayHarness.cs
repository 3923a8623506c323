using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Testing;

namespace Gateway.Tests;

/// <summary>
/// The real gateway (in memory) in front of a real echo backend on loopback, which also serves the
/// JWKS. Every setting can be overridden per harness; limits default high so only the tests about
/// limits meet them.
/// </summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    public const string Issuer = "https://identity.gateway.test";
    public const string Audience = "platform-api";

    private readonly TestSigningKey _key;

    public TestSigningKey SigningKey => _key;
    private EchoBackend? _backend;

    private readonly string _baseAddress;

    private GatewayHarness(TestSigningKey key, EchoBackend backend, GatewayFactory factory, string baseAddress)
    {
        _key = key;
        _backend = backend;
        Factory = factory;
        _baseAddress = baseAddress;
    }

    public WebApplicationFactory<Program> Factory { get; }

    /// <summary>The echo backend itself, to compare what it sends with what the gateway passes on.</summary>
    public Uri BackendAddress => _backend?.BaseAddress ?? throw new ObjectDisposedException(nameof(GatewayHarness));

    /// <param name="onKestrel">Serve the gateway on a real Kestrel port instead of TestServer, where server limits apply.</param>
    /// <param name="logs">Also receives the gateway's logs.</param>
    public static async Task<GatewayHarness> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, EchoBackendOptions? backendOptions = null, bool onKestrel = false,
        ILoggerProvider? logs = null)
    {
        var key = TestSigningKey.Create();
        var backend = await EchoBackend.StartAsync(key, backendOptions);
        var configuration = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = Issuer,
            ["Auth:Audience"] = Audience,
            ["Auth:JwksUri"] = backend.JwksUri.ToString(),
            ["ConnectionStrings:Redis"] = TestEnvironment.RedisConnectionString,
            ["ReverseProxy:Clusters:identity:Destinations:primary:Address"] = backend.BaseAddress.ToString(),
            ["ReverseProxy:Clusters:deals:Destinations:primary:Address"] = backend.BaseAddress.ToString(),
            ["ReverseProxy:Clusters:alerts:Destinations:primary:Address"] = backend.BaseAddress.ToString(),
            ["ReverseProxy:Clusters:marketdata:Destinations:primary:Address"] = backend.BaseAddress.ToString(),
            ["ReverseProxy:Clusters:portfolio:Destinations:primary:Address"] = backend.BaseAddress.ToString(),
            ["ReverseProxy:Clusters:loans:Destinations:primary:Address"] = backend.BaseAddress.ToString(),
            // Rate-limit buckets live in the shared Redis: a prefix of its own gives each gateway fresh ones.
            ["RateLimiting:KeyPrefix"] = $"test:rl:{Guid.NewGuid():N}:",
            ["RateLimiting:PermitsPerMinute"] = "100000",
            ["RateLimiting:LoginPermitsPerMinute"] = "100000",
            ["RateLimiting:LoginPermitsPerMinutePerIp"] = "100000",
            ["RateLimiting:UploadPermitsPerMinute"] = "100000",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[name] = value;
        }

        var factory = new GatewayFactory(configuration, logs);
        var baseAddress = "http://localhost";
        if (onKestrel)
        {
            factory.UseKestrel(0);
            factory.StartServer();
            baseAddress = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        }

        return new GatewayHarness(key, backend, factory, baseAddress);
    }

    /// <param name="scheme">https makes the gateway see a TLS request (TestServer only).</param>
    public HttpClient CreateClient(string scheme = "http") =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new UriBuilder(_baseAddress) { Scheme = scheme }.Uri,
            AllowAutoRedirect = false,
        });

    public string Token(
        string subject = "user-1", TestSigningKey? signedWith = null, TimeSpan? lifetime = null, string type = "at+jwt", string issuer = Issuer,
        string? securityStamp = null, string[]? roles = null) =>
        TestTokens.Create(signedWith ?? _key, issuer, Audience, subject, roles ?? ["analyst"], lifetime, type: type,
            extraClaims: securityStamp is null ? null : new Dictionary<string, object> { ["sst"] = securityStamp });

    public static HttpRequestMessage Request(HttpMethod method, string path, string? token = null, string? clientIp = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (clientIp is not null)
        {
            request.Headers.Add(GatewayFactory.ClientIpHeader, clientIp);
        }

        return request;
    }

    /// <summary>Stops the backend: the service behind the gateway and its JWKS are down from now on.</summary>
    public async Task StopBackendAsync()
    {
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
            _backend = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await StopBackendAsync();
        _key.Dispose();
    }

    private sealed class GatewayFactory(IReadOnlyDictionary<string, string?> configuration, ILoggerProvider? logs) : WebApplicationFactory<Program>
    {
        /// <summary>TestServer has no peer address; tests name one with this header to act as distinct clients.</summary>
        public const string ClientIpHeader = "X-Test-Client-IP";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(configuration));
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<IStartupFilter, ClientIpFromHeader>();
                if (logs is not null)
                {
                    // After the gateway's own providers (it clears the defaults), so this one stays.
                    services.AddSingleton(logs);
                }
            });
        }
    }

    private sealed class ClientIpFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[GatewayFactory.ClientIpHeader], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
