using Platform.SharedKernel;

namespace Loans.Domain.Bookings;

/// <summary>Raised by <see cref="LoanBooking"/>; the outbox turns the decisions into integration events.</summary>
public abstract record LoanBookingEvent(Guid BookingId, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record BookingSubmittedEvent(Guid BookingId, DateTimeOffset OccurredAt, Guid SubmittedBy) : LoanBookingEvent(BookingId, OccurredAt);

public sealed record BookingApprovedEvent(Guid BookingId, DateTimeOffset OccurredAt, Guid ApproverId, string? Comment) : LoanBookingEvent(BookingId, OccurredAt);

public sealed record BookingRejectedEvent(Guid BookingId, DateTimeOffset OccurredAt, Guid ReviewerId, string Comment) : LoanBookingEvent(BookingId, OccurredAt);

public sealed record BookingBookedEvent(Guid BookingId, DateTimeOffset OccurredAt, Guid BookedBy) : LoanBookingEvent(BookingId, OccurredAt);
