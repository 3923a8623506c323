namespace Platform.Contracts.Loans;

// Each event carries what a consumer needs without calling loans back: a readable reference and
// borrower for the alert's text, the officer who owns the booking (who to tell), the actor.

/// <summary>An officer submitted a booking for credit approval: reviewers are asked to decide.</summary>
public sealed record LoanBookingSubmitted(
    Guid EventId, DateTimeOffset OccurredAt, Guid BookingId, string Reference, string Borrower, decimal Principal, string Currency, Guid OfficerId, Guid SubmittedBy)
    : IIntegrationEvent;

/// <summary>A reviewer other than the officer and every editor since submission approved the booking's terms.</summary>
public sealed record LoanBookingApproved(
    Guid EventId, DateTimeOffset OccurredAt, Guid BookingId, string Reference, string Borrower, decimal Principal, string Currency, Guid OfficerId, Guid ApproverId, string? Comment)
    : IIntegrationEvent;

/// <summary>A reviewer sent the booking back with a comment saying what to fix.</summary>
public sealed record LoanBookingRejected(
    Guid EventId, DateTimeOffset OccurredAt, Guid BookingId, string Reference, string Borrower, decimal Principal, string Currency, Guid OfficerId, Guid ReviewerId, string Comment)
    : IIntegrationEvent;

/// <summary>An approved booking was booked: the loan exists.</summary>
public sealed record LoanBookingBooked(
    Guid EventId, DateTimeOffset OccurredAt, Guid BookingId, string Reference, string Borrower, decimal Principal, string Currency, Guid OfficerId, Guid BookedBy)
    : IIntegrationEvent;

/// <summary>Term extraction finished on an uploaded document; <paramref name="NeedsOcr"/> when it was a scan no OCR engine could read.</summary>
public sealed record LoanDocumentExtracted(
    Guid EventId, DateTimeOffset OccurredAt, Guid BookingId, string Reference, Guid DocumentId, string FileName, Guid OfficerId, Guid UploadedBy, int FieldsFound, bool NeedsOcr)
    : IIntegrationEvent;

/// <summary>Term extraction gave up on a document (unreadable or corrupt content, after retries).</summary>
public sealed record LoanDocumentExtractionFailed(
    Guid EventId, DateTimeOffset OccurredAt, Guid BookingId, string Reference, Guid DocumentId, string FileName, Guid OfficerId, Guid UploadedBy, string Reason)
    : IIntegrationEvent;
