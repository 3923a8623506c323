using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Errors;

/// <summary>Names and defaults of the problem+json members every service and the gateway emit.</summary>
public static class ProblemFields
{
    public const string ErrorCode = "errorCode";
    public const string Errors = "errors";
    public const string TraceId = "traceId";
    public const string RequestId = "requestId";

    public static string TypeFor(string errorCode) => $"urn:platform:error:{errorCode}";

    /// <summary>Error codes for responses produced by the framework rather than by a use case.</summary>
    public static string DefaultCodeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "request.invalid",
        StatusCodes.Status401Unauthorized => "auth.unauthenticated",
        StatusCodes.Status403Forbidden => "auth.forbidden",
        StatusCodes.Status404NotFound => "resource.not_found",
        StatusCodes.Status405MethodNotAllowed => "request.method_not_allowed",
        StatusCodes.Status406NotAcceptable => "request.not_acceptable",
        StatusCodes.Status408RequestTimeout => "request.timeout",
        StatusCodes.Status409Conflict => "request.conflict",
        StatusCodes.Status413PayloadTooLarge => "request.too_large",
        StatusCodes.Status415UnsupportedMediaType => "request.unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "request.rate_limited",
        StatusCodes.Status502BadGateway => "upstream.unavailable",
        StatusCodes.Status503ServiceUnavailable => "service.unavailable",
        StatusCodes.Status504GatewayTimeout => "upstream.timeout",
        _ when status >= 500 => "server.error",
        _ => "request.failed",
    };
}
