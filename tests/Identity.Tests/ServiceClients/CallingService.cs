using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Http;

namespace Identity.Tests.ServiceClients;

/// <summary>
/// The service making the calls: a host with the platform's HTTP client defaults and a
/// <see cref="DealsClient"/> registered through <c>AddServiceClient</c>. Its token requests go to
/// the identity test host (in memory) and are counted.
/// </summary>
public sealed class CallingService : IAsyncDisposable
{
    public const string Scope = "deals.read";

    private readonly IHost _host;
    private int _tokenRequests;

    private CallingService(IHost host) => _host = host;

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    public IServiceProvider Services => _host.Services;

    public DealsClient Deals => _host.Services.GetRequiredService<DealsClient>();

    public static Dictionary<string, string?> Settings(Uri dealsBaseUrl, string? secret = null) => new()
    {
        ["Services:deals:BaseUrl"] = dealsBaseUrl.ToString(),
        ["Auth:Client:Id"] = IdentityApiFactory.ServiceClientId,
        ["Auth:Client:Secret"] = secret ?? IdentityApiFactory.ServiceClientSecret,
        ["Auth:Client:TokenEndpoint"] = "http://localhost/connect/token",
    };

    /// <param name="tokenEndpoint">Where token requests go: the identity test host unless given.</param>
    public static async Task<CallingService> StartAsync(
        Dictionary<string, string?> settings, TimeProvider? time = null, Func<HttpMessageHandler>? tokenEndpoint = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.AddPlatformHttpClients();
        builder.AddServiceClient<DealsClient>("deals", Scope);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        CallingService? service = null;
        builder.Services.AddHttpClient(ServiceClientSetup.TokenClientName)
            .ConfigurePrimaryHttpMessageHandler(tokenEndpoint ?? (() => IdentityService.Factory.Server.CreateHandler()))
            .AddHttpMessageHandler(() => new CountingHandler(() => Interlocked.Increment(ref service!._tokenRequests)));

        var host = builder.Build();
        service = new CallingService(host);
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return service;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
