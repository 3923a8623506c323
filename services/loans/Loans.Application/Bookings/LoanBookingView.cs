using Loans.Domain.Bookings;

namespace Loans.Application.Bookings;

/// <summary>A booking as the API shows it; <see cref="ETag"/> versions everything here.</summary>
public sealed record LoanBookingView(
    Guid Id,
    string Reference,
    string Borrower,
    string ProductCode,
    FacilityType FacilityType,
    decimal Principal,
    string Currency,
    RateType RateType,
    decimal? FixedRatePercent,
    Benchmark? Benchmark,
    int? MarginBps,
    DateOnly StartDate,
    DateOnly MaturityDate,
    int TermMonths,
    RepaymentFrequency RepaymentFrequency,
    IReadOnlyList<LoanFee> Fees,
    IReadOnlyList<LoanCovenant> Covenants,
    BookingStatus Status,
    Guid OfficerId,
    DateTimeOffset? SubmittedAt,
    Guid? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionComment,
    Guid? BookedBy,
    DateTimeOffset? BookedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version)
{
    public string ETag => $"\"{Version}\"";

    public static LoanBookingView Of(LoanBooking b) => new(
        b.Id, b.Reference, b.Borrower, b.ProductCode, b.FacilityType, b.Principal, b.Currency, b.RateType, b.FixedRatePercent, b.Benchmark, b.MarginBps,
        b.StartDate, b.MaturityDate, b.TermMonths, b.RepaymentFrequency, b.Fees, b.Covenants, b.Status, b.OfficerId, b.SubmittedAt, b.DecidedBy,
        b.DecidedAt, b.DecisionComment, b.BookedBy, b.BookedAt, b.CreatedAt, b.UpdatedAt, b.Version);
}
