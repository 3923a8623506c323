using Platform.SharedKernel;

namespace Deals.Domain;

public static class DealErrors
{
    public static readonly Error NotFound = Error.NotFound("deal.not_found", "No deal with this id.");
    public static readonly Error NotOwner = Error.Forbidden("deal.not_owner", "Only the deal's owner or an admin may change it.");
    public static readonly Error NotAnAnalyst = Error.Forbidden("deal.not_an_analyst", "Only analysts and admins create deals.");
    public static readonly Error NotAReviewer = Error.Forbidden("deal.not_a_reviewer", "Only reviewers and admins review deals.");
    public static readonly Error NotDraft = Error.Rule("deal.not_draft", "Only a draft deal can be submitted for review.");
    public static readonly Error NotPendingReview = Error.Rule("deal.not_pending_review", "The deal is not waiting for review.");
    public static readonly Error FourEyes = Error.Forbidden("deal.four_eyes",
        "Neither the deal's owner nor anyone who changed its terms since the last approval may review it: another reviewer must.");
    public static readonly Error CommentRequired = Error.Rule("deal.comment_required", "A rejection needs a comment that says what to fix.");
    public static readonly Error NotDeleted = Error.Rule("deal.not_deleted", "The deal is not deleted.");
    public static readonly Error Stale = Error.PreconditionFailed("deal.stale", "The deal has changed since you read it; reload it and try again.");
    public static readonly Error VersionRequired = Error.PreconditionRequired("deal.version_required",
        "Send If-Match with the ETag you read, so a concurrent change is not overwritten.");
    public static readonly Error ReviewedVersionRequired = Error.PreconditionRequired("deal.version_required",
        "Send If-Match with the ETag of the deal you reviewed (not *), so the decision applies to exactly the terms you read.");

    public const int CommentMaxLength = 2_000;

    public static Error Invalid(IReadOnlyDictionary<string, string[]> fieldErrors) => Error.Validation(fieldErrors);
}
