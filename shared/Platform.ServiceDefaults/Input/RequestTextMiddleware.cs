using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Platform.ServiceDefaults.Errors;
using Platform.SharedKernel;

namespace Platform.ServiceDefaults.Input;

/// <summary>
/// Applies the client text rule (<see cref="ClientText"/>, single-line) to the path and to every
/// query-string name and value, after percent-decoding and before any endpoint binds them. It decodes
/// the request target as sent, strictly: the framework would turn invalid UTF-8 into U+FFFD (query) or
/// leave it encoded (path), and either way a malformed value would be silently changed rather than refused.
/// </summary>
internal sealed class RequestTextMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var problem = PathProblem(context) ?? UrlEncodedText.Problem(context.Request.QueryString.Value?.TrimStart('?'), "query", multiLine: false);
        return problem is { } refusal
            ? RequestRefusal.WriteAsync(context, StatusCodes.Status400BadRequest, "request.invalid_characters", "The request contains characters that are not allowed.",
                "Query strings and paths must be valid UTF-8 text without control characters; see the errors for where.",
                new Dictionary<string, string[]> { [refusal.Field] = [refusal.Message] })
            : next(context);
    }

    private static (string Field, string Message)? PathProblem(HttpContext context)
    {
        // The raw target keeps what the server did not decode (invalid UTF-8); the decoded path is the fallback.
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var path = raw is { Length: > 0 } && raw[0] == '/'
            ? raw.AsSpan(0, raw.IndexOf('?', StringComparison.Ordinal) is var end and >= 0 ? end : raw.Length)
            : (context.Request.PathBase + context.Request.Path).Value.AsSpan();
        return UrlEncodedText.Decode(path, plusIsSpace: false) is not { } decoded
            ? ("path", "Not valid UTF-8 after percent-decoding.")
            : ClientText.Problem(decoded, multiLine: false) is { } problem ? ("path", problem) : null;
    }
}
