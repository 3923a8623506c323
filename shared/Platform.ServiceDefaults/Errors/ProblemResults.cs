using Microsoft.AspNetCore.Http;
using Platform.SharedKernel;

namespace Platform.ServiceDefaults.Errors;

/// <summary>The one mapping from expected failures (Result errors) to HTTP problem responses.</summary>
public static class ProblemResults
{
    public static int StatusCodeFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        ErrorKind.PreconditionRequired => StatusCodes.Status428PreconditionRequired,
        ErrorKind.RuleViolation => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorKind.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static IResult ToProblem(this Error error)
    {
        var extensions = new Dictionary<string, object?> { [ProblemFields.ErrorCode] = error.Code };
        if (error.FieldErrors is { Count: > 0 })
        {
            extensions[ProblemFields.Errors] = error.FieldErrors;
        }

        foreach (var (name, value) in error.Details ?? new Dictionary<string, object?>())
        {
            extensions[name] = value;
        }

        return TypedResults.Problem(
            detail: error.Message,
            statusCode: StatusCodeFor(error.Kind),
            title: TitleFor(error.Kind),
            type: ProblemFields.TypeFor(error.Code),
            extensions: extensions);
    }

    /// <summary>Maps a result to 200 with the value, or to its problem response.</summary>
    public static IResult ToHttp<T>(this Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();

    /// <summary>Maps a valueless result to 204, or to its problem response.</summary>
    public static IResult ToHttp(this Result result) =>
        result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();

    public static IResult ToHttp<T>(this Result<T> result, Func<T, IResult> onSuccess) =>
        result.IsSuccess ? onSuccess(result.Value) : result.Error!.ToProblem();

    private static string TitleFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => "The request is invalid.",
        ErrorKind.NotFound => "The resource was not found.",
        ErrorKind.Conflict => "The request conflicts with the current state.",
        ErrorKind.PreconditionFailed => "The resource has changed.",
        ErrorKind.PreconditionRequired => "A precondition header is required.",
        ErrorKind.RuleViolation => "The request breaks a business rule.",
        ErrorKind.Unauthorized => "Authentication is required.",
        ErrorKind.Forbidden => "The operation is not allowed.",
        ErrorKind.TooManyRequests => "Too many requests.",
        ErrorKind.Unavailable => "A service this request needs is unavailable; try again later.",
        ErrorKind.PayloadTooLarge => "The request body is too large.",
        ErrorKind.UnsupportedMediaType => "The content type is not accepted.",
        _ => "An unexpected error occurred.",
    };
}
