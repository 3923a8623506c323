using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Gateway;

internal static class CompressionSetup
{
    /// <summary>
    /// Brotli or gzip for JSON, problem details and CSV exports, proxied or not, when the client
    /// accepts it. Nothing else: <c>text/event-stream</c> in particular must reach the client
    /// event by event, and a compressor would hold events back until its buffer fills.
    /// </summary>
    public static WebApplicationBuilder AddGatewayCompression(this WebApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(options =>
        {
            // Safe over TLS here (BREACH needs a secret the browser adds by itself): credentials
            // travel only in the Authorization header, which scripts set and other sites cannot make
            // a browser send; the gateway sets no cookies.
            options.EnableForHttps = true;
            options.MimeTypes = ["application/json", "application/problem+json", "text/csv"];
            options.ExcludedMimeTypes = ["text/event-stream"];
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        // Fastest: the gateway is CPU-bound under load; most of the gain is in the first pass.
        builder.Services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        return builder;
    }
}
