using Platform.SharedKernel;

namespace Loans.Domain.Bookings;

public static class LoanBookingErrors
{
    public const int CommentMaxLength = 2_000;

    public static readonly Error NotFound = Error.NotFound("loan_booking.not_found", "No loan booking with this id.");
    public static readonly Error NotOfficer = Error.Forbidden("loan_booking.not_officer", "Only loan officers and admins create bookings.");
    public static readonly Error NotOwner = Error.Forbidden("loan_booking.not_owner", "Only the booking's officer or an admin may change it.");
    public static readonly Error NotApprover = Error.Forbidden("loan_booking.not_approver", "Only reviewers (credit approvers) and admins decide on bookings.");
    public static readonly Error FourEyes = Error.Forbidden("loan_booking.four_eyes",
        "Neither the booking's officer nor anyone who changed its terms may approve or reject it: another approver must.");
    public static readonly Error Locked = Error.Rule("loan_booking.locked", "An approved or booked loan's terms are final; they cannot be changed or deleted.");
    public static readonly Error NotDraft = Error.Rule("loan_booking.not_draft", "Only a draft booking can be submitted.");
    public static readonly Error NotSubmitted = Error.Rule("loan_booking.not_submitted", "The booking is not waiting for approval.");
    public static readonly Error NotApproved = Error.Rule("loan_booking.not_approved", "Only an approved booking can be booked.");
    public static readonly Error CommentRequired = Error.Rule("loan_booking.comment_required", "A rejection needs a comment that says what to fix.");
    public static readonly Error Stale = Error.PreconditionFailed("loan_booking.stale", "The booking has changed since you read it; reload it and try again.");
    public static readonly Error VersionRequired = Error.PreconditionRequired("loan_booking.version_required",
        "Send If-Match with the ETag you read, so a concurrent change is not overwritten.");
    public static readonly Error DecidedVersionRequired = Error.PreconditionRequired("loan_booking.version_required",
        "Send If-Match with the ETag of the booking you reviewed (not *), so the decision applies to exactly the terms you read.");
}
