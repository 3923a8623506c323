using Microsoft.AspNetCore.Http;
using Platform.ServiceDefaults.Errors;
using Platform.SharedKernel;

namespace Loans.Application.Documents;

/// <summary>Why an uploaded document is refused, with the HTTP status to answer.</summary>
public sealed record UploadRefusal(int StatusCode, string Code, string Message)
{
    /// <summary>As the platform's error, for use cases that return <see cref="Result{T}"/>.</summary>
    public Error ToError() => StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => Error.PayloadTooLarge(Code, Message),
        StatusCodes.Status415UnsupportedMediaType => Error.UnsupportedMediaType(Code, Message),
        _ => new Error(Code, Message, ErrorKind.Validation),
    };

    /// <summary>The problem+json answer, shaped like every other platform problem (errorCode, type URN).</summary>
    public IResult ToProblem() => TypedResults.Problem(RequestRefusal.Problem(StatusCode, Code, Title, Message));

    private string Title => StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => "The document is too large.",
        StatusCodes.Status415UnsupportedMediaType => "The document type is not accepted.",
        StatusCodes.Status422UnprocessableEntity => "The document was refused.",
        _ => "The request is invalid.",
    };
}
