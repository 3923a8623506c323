using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults.Http;

namespace Platform.ServiceDefaults.Telemetry;

internal static class TelemetrySetup
{
    /// <summary>Activity sources and meters of our own code all start with this.</summary>
    private const string PlatformInstrumentation = "Platform.*";

    /// <summary>The Prometheus scrape path every deployable serves (docs/operations.md).</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// JSON console logs carrying trace, span and request ids, always. Metrics always, for Prometheus
    /// to scrape at <see cref="MetricsPath"/>. Traces, metrics and logs also over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured (environment or appsettings, with the standard
    /// <c>OTEL_*</c> names); without an endpoint no trace is recorded, so nothing costs.
    /// </summary>
    public static void AddPlatformTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("MassTransit", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting",
                    "Microsoft.AspNetCore.Authentication", PlatformInstrumentation)
                .AddPrometheusExporter());
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return;
        }

        telemetry
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options =>
                {
                    // Probes and scrapes every few seconds would drown the traces that matter.
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments(MetricsPath);
                    options.EnrichWithHttpResponse = (activity, response) =>
                        activity.SetTag("platform.request_id", RequestIdMiddleware.Get(response.HttpContext));
                })
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("MassTransit", PlatformInstrumentation))
            .UseOtlpExporter();
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeScopes = true;
            logging.IncludeFormattedMessage = true;
        });
    }

    /// <summary>
    /// <c>/metrics</c> in Prometheus' text format, anonymous like the probes: it is scraped inside the
    /// cluster. Where <c>Telemetry:MetricsAllowedNetworks</c> lists networks (the gateway's appsettings do:
    /// loopback), only those may scrape (docs/operations.md).
    /// </summary>
    public static IEndpointRouteBuilder MapPlatformMetrics(this IEndpointRouteBuilder app)
    {
        var allowed = MetricsNetworks(app.ServiceProvider.GetRequiredService<IConfiguration>());
        var endpoint = app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        if (allowed.Count > 0)
        {
            // A deployable reachable from outside (the gateway) answers scrapes only from the networks listed; anyone
            // else sees no such path. The remote address is the client's own once trusted proxies are resolved.
            endpoint.AddEndpointFilter(async (context, next) =>
                context.HttpContext.Connection.RemoteIpAddress is { } remote && allowed.Any(n => n.Contains(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
                    ? await next(context)
                    : Results.NotFound());
        }

        return app;
    }

    /// <summary><c>Telemetry:MetricsAllowedNetworks</c>: CIDR blocks allowed to scrape; none configured means any caller.</summary>
    private static List<System.Net.IPNetwork> MetricsNetworks(IConfiguration configuration)
    {
        var networks = new List<System.Net.IPNetwork>();
        foreach (var value in configuration.GetSection("Telemetry:MetricsAllowedNetworks").Get<string[]>() ?? [])
        {
            if (!System.Net.IPNetwork.TryParse(value, out var network))
            {
                throw new InvalidOperationException($"Telemetry:MetricsAllowedNetworks: '{value}' is not a CIDR block such as 10.0.0.0/8.");
            }

            networks.Add(network);
        }

        return networks;
    }
}
