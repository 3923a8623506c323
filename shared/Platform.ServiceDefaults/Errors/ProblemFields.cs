using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

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
        StatusCodes.Status414UriTooLong => "request.uri_too_long",
        StatusCodes.Status415UnsupportedMediaType => "request.unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "request.rate_limited",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "request.headers_too_large",
        StatusCodes.Status501NotImplemented => "request.method_not_implemented",
        StatusCodes.Status502BadGateway => "upstream.unavailable",
        StatusCodes.Status503ServiceUnavailable => "service.unavailable",
        StatusCodes.Status504GatewayTimeout => "upstream.timeout",
        _ when status >= 500 => "server.error",
        _ => "request.failed",
    };

    /// <summary>A sentence for responses the framework writes without one (status code pages, a proxy's empty 502).</summary>
    public static string DefaultDetailFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "A valid access token is required: send it as 'Authorization: Bearer <token>'.",
        StatusCodes.Status403Forbidden => "The access token does not allow this operation.",
        StatusCodes.Status404NotFound => "Nothing is served at this address.",
        StatusCodes.Status405MethodNotAllowed => "This address does not accept the request method.",
        StatusCodes.Status413PayloadTooLarge => "The request body exceeds the size this endpoint accepts.",
        StatusCodes.Status502BadGateway => "The service behind this address did not answer. Try again shortly.",
        StatusCodes.Status503ServiceUnavailable => "The service is temporarily unavailable. Try again shortly.",
        StatusCodes.Status504GatewayTimeout => "The service behind this address did not answer in time.",
        _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : "The request failed.",
    };
}
