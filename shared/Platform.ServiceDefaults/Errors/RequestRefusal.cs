using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Errors;

/// <summary>
/// The problem+json answer of a middleware that refuses a request before any endpoint runs (bad
/// characters, too long a target, an unsupported method). Written directly rather than thrown: these
/// are the cheap answers to junk traffic, and the response keeps headers set before it (Allow).
/// </summary>
public static class RequestRefusal
{
    public static ProblemDetails Problem(int status, string errorCode, string title, string detail, IDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = ProblemFields.TypeFor(errorCode),
            Extensions = { [ProblemFields.ErrorCode] = errorCode },
        };
        if (errors is not null)
        {
            problem.Extensions[ProblemFields.Errors] = errors;
        }

        return problem;
    }

    public static async Task WriteAsync(
        HttpContext context, int status, string errorCode, string title, string detail, IDictionary<string, string[]>? errors = null)
    {
        // The path is left out on purpose: it may be the very text being refused (control characters in a log line).
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestRefusal))
            .LogInformation("Refused {Method} request: {ErrorCode}", context.Request.Method.Length <= 32 ? context.Request.Method : "(long)", errorCode);
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        // Try: a client that accepts no JSON gets the status alone, as from every other problem writer.
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = Problem(status, errorCode, title, detail, errors),
        });
    }
}
