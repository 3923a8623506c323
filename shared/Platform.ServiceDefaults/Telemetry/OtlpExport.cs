using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Owns the tracer and meter providers for the life of the host. The OpenTelemetry hosting package
/// is not available to us, so the providers are built with the SDK builders here and disposed (which
/// flushes them) on shutdown. Settings use the standard OTEL_* names, read from configuration so that
/// environment variables and appsettings both work.
/// </summary>
internal sealed class OtlpExport(string serviceName, IConfiguration configuration, ILogger<OtlpExport> logger) : IHostedService, IDisposable
{
    // Libraries that emit activities and metrics natively; no instrumentation packages needed.
    private static readonly string[] ActivitySources = ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", "MassTransit", "Platform.*"];
    private static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Authentication",
        "System.Net.Http", "Npgsql", "MassTransit", "System.Runtime", "Platform.*",
    ];

    private TracerProvider? _tracing;
    private MeterProvider? _metrics;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is not { Length: > 0 } endpoint)
        {
            return Task.CompletedTask;
        }

        var resource = ResourceBuilder.CreateDefault().AddService(configuration["OTEL_SERVICE_NAME"] ?? serviceName);
        _tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(ActivitySources)
            .AddOtlpExporter(exporter =>
            {
                Configure(exporter, endpoint, "v1/traces");
                exporter.BatchExportProcessorOptions.ScheduledDelayMilliseconds = configuration.GetValue("OTEL_BSP_SCHEDULE_DELAY", 5000);
            })
            .Build();
        _metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(Meters)
            .AddOtlpExporter((exporter, reader) =>
            {
                Configure(exporter, endpoint, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = configuration.GetValue("OTEL_METRIC_EXPORT_INTERVAL", 60000);
            })
            .Build();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        var tracing = Interlocked.Exchange(ref _tracing, null);
        var metrics = Interlocked.Exchange(ref _metrics, null);
        try
        {
            tracing?.Dispose();
            metrics?.Dispose();
        }
        catch (NullReferenceException exception)
        {
            // The SDK's meter listener can race with instruments being published by another host in
            // the same process (seen in tests); shutdown must go on, and the flush may be incomplete.
            logger.LogWarning(exception, "Telemetry providers did not shut down cleanly; the last export may be incomplete.");
        }
    }

    private void Configure(OtlpExporterOptions exporter, string endpoint, string signalPath)
    {
        var httpProtobuf = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] == "http/protobuf";
        exporter.Protocol = httpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        // With an explicit endpoint the HTTP exporter posts to it as given, so the signal path is ours to add.
        exporter.Endpoint = httpProtobuf ? new Uri(endpoint.TrimEnd('/') + "/" + signalPath) : new Uri(endpoint);
        if (configuration["OTEL_EXPORTER_OTLP_HEADERS"] is { Length: > 0 } headers)
        {
            exporter.Headers = headers;
        }
    }
}
