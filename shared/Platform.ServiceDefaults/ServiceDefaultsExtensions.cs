using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Features;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Input;
using Platform.ServiceDefaults.Streaming;
using Platform.ServiceDefaults.Telemetry;
using Platform.SharedKernel;

namespace Platform.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>Everything a platform HTTP service has in common: logs, telemetry, errors, auth, health, OpenAPI.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        builder.AddPlatformTelemetry(serviceName);
        builder.Services.AddPlatformProblemDetails();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();
        builder.Services.AddHealthChecks();
        builder.Services.AddOpenApi(Platform.ServiceDefaults.OpenApi.PlatformOpenApi.Configure);
        builder.Services.AddOptions<HttpOptions>().Bind(builder.Configuration.GetSection(HttpOptions.SectionName))
            // A factor of 2 at least leaves the server's request line room for the method and version around a target at the limit.
            .Validate(http => http is { MaxRequestTargetLength: > 0, MaxRequestHeadersTotalBytes: > 0, MaxRequestHeaderCount: > 0, ServerLimitFactor: >= 2 },
                "Http request limits must be positive and Http:ServerLimitFactor at least 2.")
            .ValidateOnStart();
        // Unreadable bodies and wrong types become exceptions so the one exception handler words them.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<HttpOptions>>((kestrel, http) => RaiseServerLimits(kestrel.Limits, http.Value));
        builder.AddPlatformAuthentication();
        builder.Services.AddOptions<EventStreamOptions>().BindConfiguration(EventStreamOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<EventStreamSessions>();
        builder.AddPlatformFeatures();
        // Every outgoing HttpClient gets timeouts, retries honouring Retry-After and a circuit breaker.
        builder.AddPlatformHttpClients();
        return builder;
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }

    // Above the application's limits (RequestProtocolMiddleware), so the application answers 414/431 in full.
    private static void RaiseServerLimits(KestrelServerLimits limits, HttpOptions http)
    {
        limits.MaxRequestLineSize = http.MaxRequestTargetLength * http.ServerLimitFactor;
        limits.MaxRequestHeadersTotalSize = http.MaxRequestHeadersTotalBytes * http.ServerLimitFactor;
        limits.MaxRequestHeaderCount = http.MaxRequestHeaderCount * http.ServerLimitFactor;
    }

    /// <summary>
    /// The shared middleware in its required order, plus health and OpenAPI endpoints.
    /// <paramref name="afterAuthentication"/> runs between authentication and authorization: the
    /// place for middleware that needs to know the caller but must act before a 401/403 (rate limits).
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app, Action<WebApplication>? afterAuthentication = null)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ResponseHeadersMiddleware>();
        // Before anything reads the request: methods, sizes, then the characters of path and query.
        app.UseMiddleware<RequestProtocolMiddleware>();
        app.UseMiddleware<RequestTextMiddleware>();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseAuthentication();
        afterAuthentication?.Invoke(app);
        app.UseAuthorization();
        app.UseMiddleware<JsonBodyTextMiddleware>();
        app.MapPlatformHealth();
        app.MapPlatformMetrics();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}
