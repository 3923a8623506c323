using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Http;

public static class ServiceClientSetup
{
    /// <summary>Name of the HttpClient that fetches this service's own tokens from identity.</summary>
    public const string TokenClientName = "Platform.ServiceTokens";

    /// <summary>
    /// Registers <typeparamref name="TClient"/> as a typed HttpClient for calls to another service:
    /// base address from <c>Services:&lt;serviceName&gt;:BaseUrl</c>, and on every request this
    /// service's own client_credentials token for <paramref name="scope"/> only (client id and secret
    /// from <c>Auth:Client</c>). Resilience comes from <see cref="HttpClientSetup.AddPlatformHttpClients{TBuilder}"/>.
    /// Settings are validated at start-up.
    /// </summary>
    public static IHttpClientBuilder AddServiceClient<TClient>(this IHostApplicationBuilder builder, string serviceName, string scope)
        where TClient : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        AddTokenCache(builder);

        var section = $"{ServiceEndpointOptions.SectionName}:{serviceName}";
        builder.Services.AddOptions<ServiceEndpointOptions>(serviceName)
            .Bind(builder.Configuration.GetSection(section))
            .Validate(endpoint => IsHttpUrl(endpoint.BaseUrl), $"{section}:BaseUrl must be an absolute http(s) URL.")
            .ValidateOnStart();

        return builder.Services
            .AddHttpClient<TClient>((services, http) =>
            {
                var baseUrl = services.GetRequiredService<IOptionsMonitor<ServiceEndpointOptions>>().Get(serviceName).BaseUrl;
                // Without the trailing slash a relative path would replace the base's last segment.
                http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            })
            .AddHttpMessageHandler(services => new ServiceTokenHandler(services.GetRequiredService<ServiceTokenCache>(), scope));
    }

    private static void AddTokenCache(IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(service => service.ServiceType == typeof(ServiceTokenCache)))
        {
            return;
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ServiceTokenCache>();
        builder.Services.AddHttpClient(TokenClientName);
        builder.Services.AddOptions<ServiceClientOptions>()
            .Bind(builder.Configuration.GetSection(ServiceClientOptions.SectionName))
            .PostConfigure<IConfiguration>((client, configuration) =>
            {
                var identityBaseUrl = configuration[$"{ServiceEndpointOptions.SectionName}:identity:BaseUrl"];
                if (string.IsNullOrWhiteSpace(client.TokenEndpoint) && IsHttpUrl(identityBaseUrl))
                {
                    client.TokenEndpoint = new Uri(new Uri(identityBaseUrl!.EndsWith('/') ? identityBaseUrl : identityBaseUrl + "/"), "connect/token").ToString();
                }
            })
            .Validate(client => !string.IsNullOrWhiteSpace(client.Id), "Auth:Client:Id is required to call other services.")
            .Validate(client => !string.IsNullOrWhiteSpace(client.Secret), "Auth:Client:Secret is required to call other services (from the environment).")
            .Validate(client => IsHttpUrl(client.TokenEndpoint),
                "Auth:Client:TokenEndpoint (or Services:identity:BaseUrl) must be an absolute http(s) URL.")
            .Validate(client => client.RefreshBeforeExpirySeconds >= 0, "Auth:Client:RefreshBeforeExpirySeconds must not be negative.")
            .ValidateOnStart();
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
