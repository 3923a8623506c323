namespace Platform.SharedKernel;

/// <summary>The kind of an expected failure; decides the HTTP status in one place.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    PreconditionFailed,
    PreconditionRequired,
    RuleViolation,
    Unauthorized,
    Forbidden,
    TooManyRequests,

    /// <summary>A dependency the operation cannot do without is down; the client may retry later (503).</summary>
    Unavailable,

    /// <summary>The body is larger than this operation accepts (413).</summary>
    PayloadTooLarge,

    /// <summary>The content is not of a type this operation accepts, whatever it claims to be (415).</summary>
    UnsupportedMediaType,
}

/// <summary>An expected failure: a stable machine-readable code plus a human sentence.</summary>
public sealed record Error(string Code, string Message, ErrorKind Kind)
{
    public IReadOnlyDictionary<string, string[]>? FieldErrors { get; init; }

    /// <summary>More structured detail for the client (problem+json extension members), such as the bad rows of an import.</summary>
    public IReadOnlyDictionary<string, object?>? Details { get; init; }

    public static Error NotFound(string code, string message) => new(code, message, ErrorKind.NotFound);
    public static Error Conflict(string code, string message) => new(code, message, ErrorKind.Conflict);
    public static Error Rule(string code, string message) => new(code, message, ErrorKind.RuleViolation);
    public static Error Forbidden(string code, string message) => new(code, message, ErrorKind.Forbidden);
    public static Error Unauthorized(string code, string message) => new(code, message, ErrorKind.Unauthorized);
    public static Error PreconditionFailed(string code, string message) => new(code, message, ErrorKind.PreconditionFailed);
    public static Error PreconditionRequired(string code, string message) => new(code, message, ErrorKind.PreconditionRequired);
    public static Error TooManyRequests(string code, string message) => new(code, message, ErrorKind.TooManyRequests);
    public static Error Unavailable(string code, string message) => new(code, message, ErrorKind.Unavailable);
    public static Error PayloadTooLarge(string code, string message) => new(code, message, ErrorKind.PayloadTooLarge);
    public static Error UnsupportedMediaType(string code, string message) => new(code, message, ErrorKind.UnsupportedMediaType);

    public static Error Validation(IReadOnlyDictionary<string, string[]> fieldErrors) =>
        new("validation_failed", "One or more fields are invalid.", ErrorKind.Validation) { FieldErrors = fieldErrors };
}
