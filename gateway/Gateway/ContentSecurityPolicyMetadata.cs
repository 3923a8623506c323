namespace Gateway;

/// <summary>
/// Endpoint metadata for the rare endpoint that serves a page rather than JSON: its own
/// Content-Security-Policy, per request, instead of the API's strict one. The API reference sets it in
/// code; a proxied route declares it in configuration (<c>Metadata: { "ContentSecurityPolicy": "…" }</c>).
/// </summary>
internal sealed class ContentSecurityPolicyMetadata(Func<HttpContext, string> policy)
{
    public const string RouteMetadataKey = "ContentSecurityPolicy";

    public string PolicyFor(HttpContext context) => policy(context);
}
