using Microsoft.AspNetCore.Hosting;
using Platform.Testing;

namespace Identity.Tests.Infrastructure;

/// <summary>Traces and metrics leave the service over OTLP when an endpoint is configured.</summary>
public sealed class TelemetryExportTests
{
    [Test]
    public async Task Service_WithOtlpEndpoint_ExportsRequestSpansAndMetrics()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var factory = new IdentityApiFactory(builder =>
        {
            builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.Endpoint.ToString());
            builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            builder.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "100");
            builder.UseSetting("OTEL_METRIC_EXPORT_INTERVAL", "500");
        });
        using var client = factory.CreateClient();

        await client.GetAsync("/.well-known/openid-configuration");

        Assert.That(await receiver.WaitForAsync("/v1/traces", TimeSpan.FromSeconds(15), "identity", "/.well-known/openid-configuration"),
            Is.True, "an HTTP server span of the identity service reached the collector; received: " + receiver.Summary);
        Assert.That(await receiver.WaitForAsync("/v1/metrics", TimeSpan.FromSeconds(15), "identity", "http.server.request.duration"),
            Is.True, "ASP.NET Core request metrics reached the collector; received: " + receiver.Summary);
    }
}
