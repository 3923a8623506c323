using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// The response header every service sends, whoever reaches it (the gateway adds its fuller set on
/// top): the services answer JSON only, and a browser must never guess another type from the body.
/// Set as the response starts, so error responses (the exception handler clears headers) carry it too.
/// </summary>
internal sealed class ResponseHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            ((HttpContext)state).Response.Headers.XContentTypeOptions = "nosniff";
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
