using Platform.SharedKernel;

namespace Loans.Domain.Documents;

/// <summary>Raised by <see cref="LoanDocument"/> when its extraction ends; carries the booking facts the integration events need.</summary>
public abstract record LoanDocumentEvent(Guid DocumentId, DateTimeOffset OccurredAt, string BookingReference, Guid OfficerId) : IDomainEvent;

public sealed record DocumentExtractedEvent(Guid DocumentId, DateTimeOffset OccurredAt, string BookingReference, Guid OfficerId, int FieldsFound, bool NeedsOcr)
    : LoanDocumentEvent(DocumentId, OccurredAt, BookingReference, OfficerId);

public sealed record DocumentExtractionFailedEvent(Guid DocumentId, DateTimeOffset OccurredAt, string BookingReference, Guid OfficerId, string Reason)
    : LoanDocumentEvent(DocumentId, OccurredAt, BookingReference, OfficerId);
