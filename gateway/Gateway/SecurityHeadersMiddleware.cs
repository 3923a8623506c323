using Microsoft.Net.Http.Headers;

namespace Gateway;

/// <summary>
/// Response headers for an API that serves JSON only, set as the response starts so they also cover
/// error responses (the exception handler clears headers) and override whatever a service sent.
/// An endpoint that serves a page (the API reference, identity's sign-in page) brings its own policy as <see cref="ContentSecurityPolicyMetadata"/>.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            Apply((HttpContext)state);
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = context.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicyMetadata>()?.PolicyFor(context)
            ?? "default-src 'none'; frame-ancestors 'none'";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        // HSTS over plain HTTP is ignored by browsers and would only mislead (RFC 6797 section 7.2).
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }

        // Services behind the gateway are not the client's business.
        headers.Remove(HeaderNames.Server);
        headers.Remove(HeaderNames.XPoweredBy);
    }
}
