using Microsoft.AspNetCore.Http;
using Platform.ServiceDefaults.Errors;

namespace Loans.Application.Documents;

/// <summary>
/// Why an uploaded document is refused, with the HTTP status to answer. Not an
/// <see cref="Platform.SharedKernel.Error"/>: two of the statuses that matter here (413, 415) have no
/// <see cref="Platform.SharedKernel.ErrorKind"/>, and widening the shared kernel for one endpoint would
/// change every service's mapping.
/// </summary>
public sealed record UploadRefusal(int StatusCode, string Code, string Message)
{
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
