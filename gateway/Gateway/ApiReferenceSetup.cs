using System.Security.Cryptography;
using Scalar.AspNetCore;

namespace Gateway;

/// <summary>
/// The Scalar API reference over every service's OpenAPI document, which the gateway routes as
/// <c>/openapi/&lt;service&gt;/v1.json</c>. On in Development, off elsewhere unless
/// <c>Gateway:ApiReference:Enabled</c> says otherwise: it tells anyone the whole API surface.
/// </summary>
internal static class ApiReferenceSetup
{
    public const string EnabledKey = "Gateway:ApiReference:Enabled";
    public const string PagePath = "/api-reference";
    public const string DocumentRoutePattern = "/openapi/{documentName}/v1.json";

    private const string NonceKey = "Gateway.ApiReference.Nonce";

    public static WebApplication MapGatewayApiReference(this WebApplication app)
    {
        if (!(app.Configuration.GetValue<bool?>(EnabledKey) ?? app.Environment.IsDevelopment()))
        {
            return app;
        }

        var documents = DocumentNames(app.Configuration);
        app.MapScalarApiReference(PagePath, (options, http) =>
            {
                options.WithTitle("Platform API reference")
                    .WithOpenApiRoutePattern(DocumentRoutePattern)
                    .AddDocuments(documents)
                    // Nothing is fetched from third parties: no web fonts, no hosted agent or MCP features.
                    .DisableDefaultFonts()
                    .DisableAgent()
                    .DisableMcp()
                    .AddPreferredSecuritySchemes(["bearerAuth"])
                    .WithNonce(Nonce(http));
            })
            .AllowAnonymous()
            .WithMetadata(new ContentSecurityPolicyMetadata(PagePolicy));
        return app;
    }

    /// <summary>Every cluster with a route that serves <c>/openapi/&lt;cluster&gt;/v1.json</c>, so a new service appears by configuration alone.</summary>
    private static List<string> DocumentNames(IConfiguration configuration)
    {
        var paths = configuration.GetSection($"{GatewaySetup.ReverseProxySection}:Routes").GetChildren()
            .Select(route => route["Match:Path"])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return configuration.GetSection($"{GatewaySetup.ReverseProxySection}:Clusters").GetChildren()
            .Select(cluster => cluster.Key)
            .Where(name => paths.Contains(DocumentRoutePattern.Replace("{documentName}", name, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    // The page's inline start-up script runs by nonce; its bundle, the documents and "try it" requests
    // are same-origin; its components set inline styles. Still no framing, plugins, forms or base.
    private static string PagePolicy(HttpContext http) =>
        $"default-src 'none'; script-src 'self' 'nonce-{Nonce(http)}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static string Nonce(HttpContext http)
    {
        if (http.Items[NonceKey] is not string nonce)
        {
            nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            http.Items[NonceKey] = nonce;
        }

        return nonce;
    }
}
