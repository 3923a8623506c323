using Loans.Application.Documents;
using Loans.Application.Sheets;
using MediatR;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Http;
using Platform.SharedKernel;

using static Platform.ServiceDefaults.Http.VersionedRequests;

namespace Loans.Api.Endpoints;

/// <summary>
/// A booking's documents, their extraction and its booking sheet, under <c>/api/v1/loan-bookings/{id}</c>:
/// whoever may see the booking reads them; its officer (or an admin) writes.
/// </summary>
internal static class LoanDocumentEndpoints
{
    /// <summary>The file's limit plus room for the multipart framing around it.</summary>
    private const long UploadBodyLimit = UploadSpoolOptions.DefaultMaxBytes + (64 * 1024);

    public static void MapLoanDocumentEndpoints(this RouteGroupBuilder bookings)
    {
        bookings.MapPost("/{id:guid}/documents", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new UploadLoanDocument(id, http.Request), ct)).ToHttp(uploaded =>
                {
                    var location = $"/api/v1/loan-bookings/{id}/documents/{uploaded.Document.Id}";
                    if (!uploaded.Duplicate)
                    {
                        return TypedResults.Created(location, uploaded.Document);
                    }

                    // Same content as a document the booking already has: that one, not a second copy.
                    http.Response.Headers.ContentLocation = location;
                    return TypedResults.Ok(uploaded.Document);
                }))
            .RequireAuthorization(PlatformPolicies.LoanOfficer)
            .WithRequestBodyLimit(UploadBodyLimit)
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery()
            .WithName("uploadLoanDocument")
            .WithSummary("Attach a document (PDF, DOCX, text, PNG, JPEG) and start its term extraction")
            .WithDescription("multipart/form-data with one file part, at most 20 MiB. The type is read from the content, never the name or header: anything "
                + "but clean PDF, DOCX, UTF-8 text, PNG or JPEG is a 415 (document.executable, document.macros, document.zip_bomb, document.polyglot, "
                + "document.active_content, document.unsupported_type ...). Content the booking already has answers 200 with that document and "
                + "Content-Location; new content 201. Extraction runs in the background: follow extractionStatus.")
            .Produces<LoanDocumentView>(StatusCodes.Status201Created)
            .Produces<LoanDocumentView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        bookings.MapGet("/{id:guid}/documents", async (Guid id, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListLoanDocuments(id), ct)).ToHttp(documents => TypedResults.Ok(documents)))
            .WithName("listLoanDocuments")
            .WithSummary("List a booking's documents, oldest first")
            .Produces<IReadOnlyList<LoanDocumentView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        bookings.MapGet("/{id:guid}/documents/{documentId:guid}/content", async (Guid id, Guid documentId, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new DownloadLoanDocument(id, documentId), ct)).ToHttp(download =>
                {
                    http.Response.RegisterForDisposeAsync(download.Content);
                    http.Response.Headers.ContentDisposition = download.ContentDisposition;
                    http.Response.Headers.XContentTypeOptions = "nosniff";
                    http.Response.Headers["Digest"] = "sha-256=" + Convert.ToBase64String(Convert.FromHexString(download.Sha256));
                    http.Response.ContentLength = download.SizeBytes;
                    return TypedResults.Stream(download.Content, download.ContentType);
                }))
            .WithName("downloadLoanDocument")
            .WithSummary("Download a document's content")
            .WithDescription("Streamed, as an attachment whose file name has the extension of the sniffed type, with nosniff.")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        bookings.MapDelete("/{id:guid}/documents/{documentId:guid}", async (Guid id, Guid documentId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new DeleteLoanDocument(id, documentId), ct)).ToHttp())
            .RequireAuthorization(PlatformPolicies.LoanOfficer)
            .WithName("deleteLoanDocument")
            .WithSummary("Remove a document and its extracted values")
            .WithDescription("Documents of an approved or booked loan are evidence and stay (422 loan_booking.locked).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        bookings.MapGet("/{id:guid}/documents/{documentId:guid}/extraction", async (Guid id, Guid documentId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetDocumentExtraction(id, documentId), ct)).ToHttp(extraction => TypedResults.Ok(extraction)))
            .WithName("getLoanDocumentExtraction")
            .WithSummary("The terms extracted from a document")
            .WithDescription("Status (pending, extracted, needsOcr, failed) and each value found with its confidence (0 to 1), page and source snippet.")
            .Produces<DocumentExtractionView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        bookings.MapGet("/{id:guid}/booking-sheet", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetBookingSheet(id), ct)).ToHttp(sheet => OkWithETag(http, sheet, sheet.ETag)))
            .WithName("getBookingSheet")
            .WithSummary("The booking sheet: fields pre-filled from extraction or corrected by hand, and every correction")
            .Produces<BookingSheetView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        bookings.MapPut("/{id:guid}/booking-sheet", async (Guid id, Dictionary<string, string[]?> body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var version = EntityTags.IfMatch(http.Request);
                if (!version.IsSuccess)
                {
                    return version.Error!.ToProblem();
                }

                if (version.Value is not { } read)
                {
                    return SheetErrors.VersionRequired.ToProblem();
                }

                var values = body.ToDictionary(pair => pair.Key, pair => pair.Value ?? [], StringComparer.Ordinal);
                return (await mediator.Send(new CorrectBookingSheet(id, read, values), ct)).ToHttp(sheet => OkWithETag(http, sheet, sheet.ETag));
            })
            .RequireAuthorization(PlatformPolicies.LoanOfficer)
            .WithName("correctBookingSheet")
            .WithSummary("Correct booking sheet fields by hand")
            .WithDescription("Body: field → list of values (one for single fields; fee and covenant take several; empty or null clears). Fields not named are "
                + "kept. Requires If-Match with the sheet's ETag (\"0\" before it exists; 428 without it, 412 when stale). Each changed field is recorded "
                + "with who changed it and the values before and after; extraction never overwrites a field set by hand.")
            .Produces<BookingSheetView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
