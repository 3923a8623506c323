using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Platform.ServiceDefaults.Http;

namespace Gateway;

/// <summary>Section <c>Cors</c>.</summary>
internal sealed class GatewayCorsOptions
{
    public const string SectionName = "Cors";

    /// <summary>Browser origins allowed to call the API, e.g. <c>https://app.example.com</c>. Empty: no CORS at all.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}

internal static class CorsSetup
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    private static readonly string[] RequestHeaders =
        [HeaderNames.Authorization, HeaderNames.ContentType, HeaderNames.IfMatch, "Idempotency-Key", RequestIdMiddleware.HeaderName];
    private static readonly string[] ExposedHeaders =
        [HeaderNames.ETag, HeaderNames.Location, HeaderNames.RetryAfter, RequestIdMiddleware.HeaderName];

    /// <summary>
    /// One default policy for every route. Tokens travel in the Authorization header, never in
    /// cookies, so credentials stay off. An origin not listed gets no CORS headers.
    /// </summary>
    public static WebApplicationBuilder AddGatewayCors(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayCorsOptions>().Bind(builder.Configuration.GetSection(GatewayCorsOptions.SectionName));
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<GatewayCorsOptions>>((cors, settings) =>
            cors.AddDefaultPolicy(policy => policy
                .WithOrigins(settings.Value.AllowedOrigins)
                .WithMethods(Methods)
                .WithHeaders(RequestHeaders)
                .WithExposedHeaders(ExposedHeaders)
                .DisallowCredentials()
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return builder;
    }
}
