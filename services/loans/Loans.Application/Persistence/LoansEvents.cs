using Loans.Domain.Bookings;
using Loans.Domain.Documents;
using Platform.Contracts.Loans;
using Platform.Messaging.Outbox;

namespace Loans.Application.Persistence;

/// <summary>What the loans service tells others: each decision on a booking, with what a consumer needs to tell people about it.</summary>
public sealed class LoansEvents : IntegrationEventMap
{
    public LoansEvents()
    {
        Publish<LoanBooking, BookingSubmittedEvent>((b, e) =>
            new LoanBookingSubmitted(Id(e), e.OccurredAt, b.Id, b.Reference, b.Borrower, b.Principal, b.Currency, b.OfficerId, e.SubmittedBy));
        Publish<LoanBooking, BookingApprovedEvent>((b, e) =>
            new LoanBookingApproved(Id(e), e.OccurredAt, b.Id, b.Reference, b.Borrower, b.Principal, b.Currency, b.OfficerId, e.ApproverId, e.Comment));
        Publish<LoanBooking, BookingRejectedEvent>((b, e) =>
            new LoanBookingRejected(Id(e), e.OccurredAt, b.Id, b.Reference, b.Borrower, b.Principal, b.Currency, b.OfficerId, e.ReviewerId, e.Comment));
        Publish<LoanBooking, BookingBookedEvent>((b, e) =>
            new LoanBookingBooked(Id(e), e.OccurredAt, b.Id, b.Reference, b.Borrower, b.Principal, b.Currency, b.OfficerId, e.BookedBy));
        Publish<LoanDocument, DocumentExtractedEvent>(Extracted);
        Publish<LoanDocument, DocumentExtractionFailedEvent>(Failed);
    }

    // Documents: the booking's id and the uploader come from the document row.
    private static LoanDocumentExtracted Extracted(LoanDocument d, DocumentExtractedEvent e) =>
        new(Guid.CreateVersion7(e.OccurredAt), e.OccurredAt, d.BookingId, e.BookingReference, d.Id, d.FileName, e.OfficerId, d.UploadedBy, e.FieldsFound, e.NeedsOcr);

    private static LoanDocumentExtractionFailed Failed(LoanDocument d, DocumentExtractionFailedEvent e) =>
        new(Guid.CreateVersion7(e.OccurredAt), e.OccurredAt, d.BookingId, e.BookingReference, d.Id, d.FileName, e.OfficerId, d.UploadedBy, e.Reason);

    // Time-ordered, so event ids sort the way the events happened.
    private static Guid Id(LoanBookingEvent e) => Guid.CreateVersion7(e.OccurredAt);
}
