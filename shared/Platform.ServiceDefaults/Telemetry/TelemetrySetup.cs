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
    /// cluster, and the ingress must not route it (docs/operations.md).
    /// </summary>
    public static IEndpointRouteBuilder MapPlatformMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        return app;
    }
}
