namespace Gateway;

/// <summary>
/// Endpoint metadata for the rare gateway endpoint that serves a page rather than JSON (the API
/// reference): its own Content-Security-Policy, per request, instead of the API's strict one.
/// </summary>
internal sealed class ContentSecurityPolicyMetadata(Func<HttpContext, string> policy)
{
    public string PolicyFor(HttpContext context) => policy(context);
}
