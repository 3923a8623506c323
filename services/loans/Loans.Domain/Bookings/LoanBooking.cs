using Loans.Domain.Products;
using Platform.SharedKernel;

namespace Loans.Domain.Bookings;

/// <summary>
/// A commercial loan on its way from signed documents to the books. The officer writes the terms;
/// a credit approver who wrote none of them approves or rejects exactly the version they read; the
/// officer then books it. Every change goes through a method here, which checks the rules and raises
/// the event.
/// </summary>
public sealed class LoanBooking : AggregateRoot, ISoftDeletable, IAudited
{
    private LoanBooking()
    {
    }

    /// <summary>Sequential booking number from the database; <see cref="Reference"/> is how people quote it.</summary>
    public long Number { get; private set; }

    public string Reference => FormatReference(Number);

    public string Borrower { get; private set; } = null!;
    public string ProductCode { get; private set; } = null!;
    public FacilityType FacilityType { get; private set; }
    public decimal Principal { get; private set; }
    public string Currency { get; private set; } = null!;
    public RateType RateType { get; private set; }
    public decimal? FixedRatePercent { get; private set; }
    public Benchmark? Benchmark { get; private set; }
    public int? MarginBps { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly MaturityDate { get; private set; }
    public int TermMonths { get; private set; }
    public RepaymentFrequency RepaymentFrequency { get; private set; }
    public List<LoanFee> Fees { get; private set; } = [];
    public List<LoanCovenant> Covenants { get; private set; } = [];

    public BookingStatus Status { get; private set; }
    public Guid OfficerId { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public Guid? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionComment { get; private set; }
    public Guid? BookedBy { get; private set; }
    public DateTimeOffset? BookedAt { get; private set; }

    /// <summary>
    /// Everyone who ever wrote these terms: the officer, and any admin who edited them. None of them may
    /// decide on the booking, however its status moved since; four-eyes is about authorship.
    /// </summary>
    public Guid[] TermEditors { get; private set; } = [];

    public DateTimeOffset? DeletedAt { get; set; }

    public static string FormatReference(long number) => $"LB-{number:D6}";

    public LoanTerms Terms => new()
    {
        Borrower = Borrower,
        ProductCode = ProductCode,
        FacilityType = FacilityType,
        Principal = Principal,
        Currency = Currency,
        RateType = RateType,
        FixedRatePercent = FixedRatePercent,
        Benchmark = Benchmark,
        MarginBps = MarginBps,
        StartDate = StartDate,
        MaturityDate = MaturityDate,
        RepaymentFrequency = RepaymentFrequency,
        Fees = Fees,
        Covenants = Covenants,
    };

    public static Result<LoanBooking> Create(long number, LoanTerms terms, LoanProduct? product, LoanActor actor, DateTimeOffset now)
    {
        if (!actor.IsOfficer)
        {
            return LoanBookingErrors.NotOfficer;
        }

        var valid = Checked(terms, product);
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        var booking = new LoanBooking
        {
            Id = Guid.CreateVersion7(now),
            Number = number,
            OfficerId = actor.UserId,
            Status = BookingStatus.Draft,
            TermEditors = [actor.UserId],
        };
        booking.Apply(valid.Value);
        return booking;
    }

    public bool IsVisibleTo(LoanActor actor) => actor.SeesAllBookings || OfficerId == actor.UserId;

    /// <summary>The booking's officer and admins work on it: terms, documents, the booking sheet.</summary>
    public bool IsWorkedOnBy(LoanActor actor) => actor.IsAdmin || (actor.IsOfficer && OfficerId == actor.UserId);

    /// <summary>Replaces the terms. A rejected booking returns to draft; a submitted one stays submitted, its editor barred from deciding.</summary>
    public Result Update(LoanTerms terms, LoanProduct? product, LoanActor actor)
    {
        if (CanEdit(actor) is { } denied)
        {
            return denied;
        }

        var valid = Checked(terms, product);
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        if (valid.Value.SameAs(Terms))
        {
            return Result.Ok();
        }

        Apply(valid.Value);
        if (!TermEditors.Contains(actor.UserId))
        {
            TermEditors = [.. TermEditors, actor.UserId];
        }

        if (Status == BookingStatus.Rejected)
        {
            Status = BookingStatus.Draft;
        }

        return Result.Ok();
    }

    public Result Submit(LoanProduct? product, LoanActor actor, DateTimeOffset now)
    {
        if (CanEdit(actor) is { } denied)
        {
            return denied;
        }

        if (Status != BookingStatus.Draft)
        {
            return LoanBookingErrors.NotDraft;
        }

        // The product may have been retired or repriced since the draft was written.
        var valid = Checked(Terms, product);
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        Status = BookingStatus.Submitted;
        SubmittedAt = now;
        DecidedBy = null;
        DecidedAt = null;
        DecisionComment = null;
        Raise(new BookingSubmittedEvent(Id, now, actor.UserId));
        return Result.Ok();
    }

    public Result Approve(LoanActor approver, string? comment, DateTimeOffset now)
    {
        if (CanDecide(approver) is { } denied)
        {
            return denied;
        }

        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (InvalidComment(comment) is { } invalid)
        {
            return invalid;
        }

        Decide(BookingStatus.Approved, approver, comment, now);
        Raise(new BookingApprovedEvent(Id, now, approver.UserId, comment));
        return Result.Ok();
    }

    public Result Reject(LoanActor approver, string? comment, DateTimeOffset now)
    {
        if (CanDecide(approver) is { } denied)
        {
            return denied;
        }

        if (string.IsNullOrWhiteSpace(comment))
        {
            return LoanBookingErrors.CommentRequired;
        }

        comment = comment.Trim();
        if (InvalidComment(comment) is { } invalid)
        {
            return invalid;
        }

        Decide(BookingStatus.Rejected, approver, comment, now);
        Raise(new BookingRejectedEvent(Id, now, approver.UserId, comment));
        return Result.Ok();
    }

    public Result Book(LoanActor actor, DateTimeOffset now)
    {
        if (!IsWorkedOnBy(actor))
        {
            return LoanBookingErrors.NotOwner;
        }

        if (Status != BookingStatus.Approved)
        {
            return LoanBookingErrors.NotApproved;
        }

        Status = BookingStatus.Booked;
        BookedBy = actor.UserId;
        BookedAt = now;
        Raise(new BookingBookedEvent(Id, now, actor.UserId));
        return Result.Ok();
    }

    public Result Delete(LoanActor actor, DateTimeOffset now)
    {
        if (CanEdit(actor) is { } denied)
        {
            return denied;
        }

        DeletedAt = now;
        return Result.Ok();
    }

    private static Result<LoanTerms> Checked(LoanTerms terms, LoanProduct? product)
    {
        terms = LoanTermsRules.Normalize(terms);
        var errors = LoanTermsRules.Validate(terms);
        if (product is null)
        {
            errors.Check("productCode", terms.ProductCode.Length == 0, "No loan product with this code.");
        }
        else if (errors.Count == 0)
        {
            product.Check(terms, errors);
        }

        return errors.Count > 0 ? Error.Validation(errors.ToDictionary()) : terms;
    }

    private Error? CanEdit(LoanActor actor)
    {
        if (!IsWorkedOnBy(actor))
        {
            return LoanBookingErrors.NotOwner;
        }

        return Status is BookingStatus.Approved or BookingStatus.Booked ? LoanBookingErrors.Locked : null;
    }

    private Error? CanDecide(LoanActor approver)
    {
        if (!approver.IsApprover)
        {
            return LoanBookingErrors.NotApprover;
        }

        if (OfficerId == approver.UserId || TermEditors.Contains(approver.UserId))
        {
            return LoanBookingErrors.FourEyes;
        }

        return Status == BookingStatus.Submitted ? null : LoanBookingErrors.NotSubmitted;
    }

    private static Error? InvalidComment(string? comment) =>
        comment is not null && (comment.Length > LoanBookingErrors.CommentMaxLength || comment.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            ? Error.Validation(new Dictionary<string, string[]>
            {
                ["comment"] = [$"At most {LoanBookingErrors.CommentMaxLength} characters, without control characters."],
            })
            : null;

    private void Decide(BookingStatus outcome, LoanActor approver, string? comment, DateTimeOffset now)
    {
        Status = outcome;
        DecidedBy = approver.UserId;
        DecidedAt = now;
        DecisionComment = comment;
    }

    private void Apply(LoanTerms terms)
    {
        Borrower = terms.Borrower;
        ProductCode = terms.ProductCode;
        FacilityType = terms.FacilityType;
        Principal = terms.Principal;
        Currency = terms.Currency;
        RateType = terms.RateType;
        FixedRatePercent = terms.FixedRatePercent;
        Benchmark = terms.Benchmark;
        MarginBps = terms.MarginBps;
        StartDate = terms.StartDate;
        MaturityDate = terms.MaturityDate;
        TermMonths = terms.TermMonths;
        RepaymentFrequency = terms.RepaymentFrequency;
        Fees = [.. terms.Fees];
        Covenants = [.. terms.Covenants];
    }
}
