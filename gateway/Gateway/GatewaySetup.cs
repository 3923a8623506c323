using Microsoft.Extensions.Logging.Console;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Http;

namespace Gateway;

/// <summary>
/// The gateway is the shared service defaults plus YARP, rate limiting (shared through Redis), CORS,
/// response headers, compression and access logs.
/// Routes and clusters live in configuration (<c>ReverseProxy</c>): adding a service is adding a
/// cluster (named after the service, one destination <c>primary</c>) and its routes.
/// </summary>
public static class GatewaySetup
{
    public const string ReverseProxySection = "ReverseProxy";

    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection(ReverseProxySection)).AddHeldResponses();

        // Without a key source the gateway would authenticate nobody: fail at start-up instead.
        builder.Services.AddOptions<AuthOptions>()
            .Validate(auth => Uri.TryCreate(auth.JwksUri, UriKind.Absolute, out _), "Auth:JwksUri must be the identity service's JWKS address.");
        builder.Services.AddHttpClient(JwksHealthCheck.HttpClientName, client => client.Timeout = JwksHealthCheck.Timeout);
        builder.Services.AddHealthChecks().AddCheck<JwksHealthCheck>("jwks", tags: [HealthSetup.ReadyTag]);

        builder.AddTrustedProxies();
        builder.AddGatewayRateLimiting();
        builder.AddGatewayCors();
        builder.AddGatewayCompression();
        // The access log reaches stdout on its own, batched path, not through the console logger's queue.
        var accessLog = new AccessLogConsole(Console.OpenStandardOutput());
        builder.Services.AddSingleton(accessLog);
        builder.Logging.Services.AddSingleton<ILoggerProvider>(accessLog);
        builder.Logging.AddFilter<ConsoleLoggerProvider>(AccessLogMiddleware.Category, LogLevel.None);
        builder.Services.AddSingleton<AccessLogWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AccessLogWriter>());
        return builder;
    }

    public static WebApplication UseGateway(this WebApplication app)
    {
        // First of all: the client's address (rate limits, logs) as the trusted proxies report it.
        app.UseTrustedProxies();
        // Outermost otherwise: the access log sees the final status and the whole duration.
        app.UseMiddleware<AccessLogMiddleware>();
        // Every response carries the headers: errors, rejections, preflights, proxied.
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // Around everything that writes a body, the gateway's own problem details included.
        app.UseResponseCompression();
        // Before authentication: a preflight carries no token and is answered here.
        app.UseCors();
        // Rate limits apply after authentication (the bucket is per user) but before authorization,
        // so a flood of anonymous requests is throttled rather than answered 401 without cost.
        // The login limiter partitions by account, so the account is read before the limiter runs;
        // a sign-in body it could not read is refused after, once counted against the caller's address.
        app.UseServiceDefaults(afterAuthentication: pipeline =>
        {
            pipeline.UseMiddleware<LoginAccountMiddleware>();
            pipeline.UseRateLimiter();
            pipeline.Use(LoginAccountMiddleware.RefuseUnreadableAsync);
        });
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(HeldResponses.CompleteProxiedResponse);
            // YARP's own pipeline, as MapReverseProxy() without arguments builds it.
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        }).ConfigureEndpoints((endpoint, route) =>
        {
            // A route's MaxRequestBodySize (e.g. CSV imports) replaces the gateway-wide Http:MaxRequestBodyBytes.
            if (route.MaxRequestBodySize is > 0 and var limit)
            {
                endpoint.WithRequestBodyLimit(limit);
            }

            // A route that serves pages (identity's sign-in) declares its own Content-Security-Policy.
            if (route.Metadata?.GetValueOrDefault(ContentSecurityPolicyMetadata.RouteMetadataKey) is { Length: > 0 } policy)
            {
                endpoint.WithMetadata(new ContentSecurityPolicyMetadata(_ => policy));
            }

            if (route.Metadata?.GetValueOrDefault(LoginAccountField.RouteMetadataKey) is { Length: > 0 } field)
            {
                endpoint.WithMetadata(new LoginAccountField(field));
            }
        });
        app.MapGatewayApiReference();
        return app;
    }
}
