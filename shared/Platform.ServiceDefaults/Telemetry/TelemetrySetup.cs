using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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

    /// <summary>
    /// JSON console logs carrying trace, span and request ids, always. Traces, metrics and logs over
    /// OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured (environment or appsettings, with the
    /// standard <c>OTEL_*</c> names); without an endpoint nothing listens, so nothing costs.
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

        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? serviceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options =>
                {
                    // Probes every few seconds would drown the traces that matter.
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/health");
                    options.EnrichWithHttpResponse = (activity, response) =>
                        activity.SetTag("platform.request_id", RequestIdMiddleware.Get(response.HttpContext));
                })
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("MassTransit", PlatformInstrumentation))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("MassTransit", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting",
                    "Microsoft.AspNetCore.Authentication", PlatformInstrumentation))
            .UseOtlpExporter();
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeScopes = true;
            logging.IncludeFormattedMessage = true;
        });
    }
}
