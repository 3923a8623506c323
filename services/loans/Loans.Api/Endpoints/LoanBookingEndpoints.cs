using Loans.Application.Bookings;
using Loans.Application.Persistence;
using Loans.Domain.Bookings;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Platform.Persistence.Idempotency;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Http;
using Platform.SharedKernel;
using static Platform.ServiceDefaults.Http.VersionedRequests;

namespace Loans.Api.Endpoints;

/// <summary>
/// <c>/api/v1/loan-bookings</c>. Loan officers write and see their own bookings; reviewers (credit
/// approvers) and admins see all and decide. The policies are the first gate; ownership and four-eyes
/// are the aggregate's rules.
/// </summary>
internal static class LoanBookingEndpoints
{
    public sealed record DecisionRequest(string? Comment);

    public static RouteGroupBuilder MapLoanBookingEndpoints(this IEndpointRouteBuilder app)
    {
        var bookings = app.MapGroup("/api/v1/loan-bookings").WithTags("Loan bookings").RequireAuthorization(LoanPolicies.LoanDesk);

        bookings.MapGet("/", async ([AsParameters] LoanBookingFilter filter, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListLoanBookings(filter, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)).ToHttp())
            .WithName("listLoanBookings")
            .WithSummary("List loan bookings")
            .WithDescription("A loan officer sees their own bookings; reviewers and admins see all. Filters: status, officerId, borrower (words), productCode, currency, "
                + "startFrom/startTo, maturityFrom/maturityTo; sort (e.g. -updatedAt); page and pageSize (at most 200).")
            .Produces<PagedList<LoanBookingView>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        bookings.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var booking = await mediator.Send(new GetLoanBooking(id), ct);
                return (booking.IsSuccess ? EntityTags.NotModified(http, booking.Value.ETag) : null) ?? booking.ToHttp(view => OkWithETag(http, view, view.ETag));
            })
            .WithName("getLoanBooking")
            .WithSummary("Get one booking, with its ETag")
            .WithDescription("Another officer's booking is a 404. If-None-Match with the current ETag answers 304.")
            .Produces<LoanBookingView>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        bookings.MapPost("/", async (LoanTermsInput body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CreateLoanBooking(body), ct)).ToHttp(view =>
                {
                    http.Response.Headers.ETag = view.ETag;
                    return TypedResults.Created($"/api/v1/loan-bookings/{view.Id}", view);
                }))
            .RequireAuthorization(PlatformPolicies.LoanOfficer)
            .WithIdempotency<LoansDb>()
            .WithName("createLoanBooking")
            .WithSummary("Create a draft booking owned by the calling officer")
            .WithDescription("The terms must fit the product (currency, rate type, rate or margin range, term range). Honours Idempotency-Key: "
                + "a replay returns the first response; a key still in flight is 409, a key reused with another body 422.")
            .Produces<LoanBookingView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        bookings.MapPut("/{id:guid}", async (Guid id, LoanTermsInput body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await WithRequiredVersionAsync(http, LoanBookingErrors.VersionRequired, version => mediator.Send(new UpdateLoanBooking(id, version, body), ct), view => view.ETag))
            .RequireAuthorization(PlatformPolicies.LoanOfficer)
            .WithName("updateLoanBooking")
            .WithSummary("Replace the booking's terms")
            .WithDescription("Requires If-Match (428 without it, 412 when stale). Approved and booked loans are final (422 loan_booking.locked). "
                + "A rejected booking returns to draft; whoever edits a booking may never approve or reject it.")
            .Produces<LoanBookingView>()
            .ProducesVersionProblems();

        bookings.MapDelete("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var version = EntityTags.IfMatch(http.Request);
                return version.IsSuccess ? (await mediator.Send(new DeleteLoanBooking(id, version.Value), ct)).ToHttp() : version.Error!.ToProblem();
            })
            .RequireAuthorization(PlatformPolicies.LoanOfficer)
            .WithName("deleteLoanBooking")
            .WithSummary("Soft-delete a booking that is not approved or booked")
            .WithDescription("If-Match is honoured when sent (412 when stale).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        bookings.MapPost("/{id:guid}/submit", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await WithVersionAsync(http, version => mediator.Send(new SubmitLoanBooking(id, version), ct), view => view.ETag))
            .RequireAuthorization(PlatformPolicies.LoanOfficer)
            .WithName("submitLoanBooking")
            .WithSummary("Submit a draft for credit approval (its officer or an admin)")
            .WithDescription("The product's current ranges are checked again. If-Match honoured when sent.")
            .Produces<LoanBookingView>()
            .ProducesVersionProblems();

        bookings.MapPost("/{id:guid}/approve", async (Guid id, [FromBody] DecisionRequest? body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await WithReadVersionAsync(http, LoanBookingErrors.DecidedVersionRequired, version => mediator.Send(new ApproveLoanBooking(id, body?.Comment, version), ct), view => view.ETag))
            .RequireAuthorization(PlatformPolicies.Reviewer)
            .WithName("approveLoanBooking")
            .WithSummary("Approve a submitted booking")
            .WithDescription("Requires If-Match with the ETag of the version reviewed (428 without it or with *, 412 when stale). Neither the officer "
                + "nor anyone who changed the terms may approve, admins included (403 loan_booking.four_eyes).")
            .Produces<LoanBookingView>()
            .ProducesVersionProblems();

        bookings.MapPost("/{id:guid}/reject", async (Guid id, [FromBody] DecisionRequest? body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await WithReadVersionAsync(http, LoanBookingErrors.DecidedVersionRequired, version => mediator.Send(new RejectLoanBooking(id, body?.Comment, version), ct), view => view.ETag))
            .RequireAuthorization(PlatformPolicies.Reviewer)
            .WithName("rejectLoanBooking")
            .WithSummary("Reject a submitted booking, saying what to fix")
            .WithDescription("Needs a comment (422 loan_booking.comment_required). Requires If-Match with the ETag of the version reviewed; four-eyes as for approval.")
            .Produces<LoanBookingView>()
            .ProducesVersionProblems();

        bookings.MapPost("/{id:guid}/book", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await WithVersionAsync(http, version => mediator.Send(new BookLoanBooking(id, version), ct), view => view.ETag))
            .RequireAuthorization(PlatformPolicies.LoanOfficer)
            .WithName("bookLoanBooking")
            .WithSummary("Book an approved loan (its officer or an admin)")
            .Produces<LoanBookingView>()
            .ProducesVersionProblems();

        return bookings;
    }

    public static RouteHandlerBuilder ProducesVersionProblems(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
