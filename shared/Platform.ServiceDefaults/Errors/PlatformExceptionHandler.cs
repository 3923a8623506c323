using System.Data.Common;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Errors;

/// <summary>
/// The single place unexpected exceptions become problem+json. Client mistakes that surface as
/// exceptions (unreadable JSON, wrong types, oversized bodies) keep their 4xx status; anything else is
/// a 500 that says nothing about internals.
/// </summary>
internal sealed partial class PlatformExceptionHandler(IProblemDetailsService problems, ILogger<PlatformExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Describe(exception);
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
            logger.LogWarning(exception, "A dependency failed for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        else if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        else
        {
            logger.LogInformation("Rejected request {Method} {Path}: {Reason}", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Describe(Exception exception)
    {
        switch (exception)
        {
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                return Problem(413, "The request body is too large.", "The request body exceeds the size this endpoint accepts.", "request.too_large");
            case BadHttpRequestException bad when FindJsonException(bad) is { } json:
                return JsonProblem(json);
            case JsonException json:
                return JsonProblem(json);
            case InvalidOperationException { Source: JsonReaderFailureSource }:
                // System.Text.Json's readers throw these for JSON they cannot read as asked (an escaped unpaired
                // surrogate read as a string) where the serializer would have thrown JsonException: the body is at fault.
                return JsonProblem(new JsonException(exception.Message));
            case InvalidDataException { Source: FormReaderSource }:
                // The form readers refuse what they cannot decode (NUL, invalid UTF-8) or too many values.
                return Problem(400, "The request is invalid.", "The form body could not be read: check its encoding and size.", "request.invalid");
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status415UnsupportedMediaType:
                return Problem(415, "Unsupported media type.", "Send the body as application/json.", "request.unsupported_media_type");
            case BadHttpRequestException bad:
                // Binding messages name internal parameter and type names: keep them in the log only, except
                // the parameter's name, which is the query or route name the client sent.
                var problem = Problem(bad.StatusCode, "The request is invalid.", "The request could not be read: check the body, route values and query string.", "request.invalid");
                if (UnboundParameter().Match(bad.Message) is { Success: true } unbound)
                {
                    problem.Extensions[ProblemFields.Errors] = new Dictionary<string, string[]>
                    {
                        [JsonNamingPolicy.CamelCase.ConvertName(unbound.Groups["name"].Value)] =
                            [unbound.Groups["kind"].Value == "Required" ? "Required." : "Not a valid value for this parameter (a number out of range, or text where a number or date is expected)."],
                    };
                }

                return problem;
            case OperationCanceledException:
                return Problem(499, "The request was cancelled.", "The client closed the request.", "request.cancelled");
            case var _ when IsDependencyOutage(exception):
                return Problem(503, "The service is temporarily unavailable.",
                    "A database or other dependency of this service is not answering. Retry shortly; nothing was changed.", "service.unavailable");
            default:
                return Problem(500, "An unexpected error occurred.", "The server could not complete the request. Quote the traceId when reporting it.", "server.error");
        }
    }

    // A database that refuses connections or times out: the client may retry, it is not a bug.
    private static bool IsDependencyOutage(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException { IsTransient: true } or SocketException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    private static ProblemDetails JsonProblem(JsonException json)
    {
        var path = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
        return RequestRefusal.Problem(400, "request.malformed_json", "The request body is not valid JSON for this endpoint.",
            "The body is malformed JSON or a value has the wrong type.",
            new Dictionary<string, string[]> { [path] = [json.LineNumber is { } line ? $"Invalid value near line {line + 1}." : "Invalid value."] });
    }

    private static ProblemDetails Problem(int status, string title, string detail, string code) => RequestRefusal.Problem(status, code, title, detail);

    private const string FormReaderSource = "Microsoft.AspNetCore.WebUtilities";

    // The Source System.Text.Json gives the InvalidOperationExceptions it would rethrow as JsonException from the serializer.
    private const string JsonReaderFailureSource = "System.Text.Json.Rethrowable";

    // RequestDelegateFactory's wording when a query, route or header value does not bind, or a required one is missing.
    [GeneratedRegex("^(?<kind>Failed to bind|Required) parameter \"[^\"]* (?<name>[A-Za-z_][A-Za-z0-9_]*)\" (from|was not provided)")]
    private static partial Regex UnboundParameter();
}
