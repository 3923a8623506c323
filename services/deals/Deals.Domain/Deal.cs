using Platform.SharedKernel;

namespace Deals.Domain;

/// <summary>
/// A financial transaction tracked by an analyst and reviewed by someone else before anyone acts on
/// it. Every change goes through a method here, which checks the rules, keeps the derived figures in
/// step with the prices, and raises the event.
/// </summary>
public sealed class Deal : AggregateRoot, ISoftDeletable, IAudited
{
    private Deal()
    {
    }

    public string Name { get; private set; } = null!;
    public DealType Type { get; private set; }
    public LifecycleStage Stage { get; private set; }
    public ReviewStatus ReviewStatus { get; private set; }

    public string TargetName { get; private set; } = null!;
    public string? TargetTicker { get; private set; }
    public string? TargetExchange { get; private set; }
    public string? TargetCountry { get; private set; }
    public string? AcquirerName { get; private set; }
    public string? AcquirerTicker { get; private set; }
    public string? Sector { get; private set; }
    public string? Industry { get; private set; }
    public string? Region { get; private set; }

    public DateOnly AnnouncedOn { get; private set; }
    public DateOnly? ExpectedCloseOn { get; private set; }
    public DateOnly? ActualCloseOn { get; private set; }

    public decimal? DealValue { get; private set; }
    public string Currency { get; private set; } = null!;
    public ConsiderationType Consideration { get; private set; }
    public decimal? OfferPricePerShare { get; private set; }
    public decimal? ExchangeRatio { get; private set; }
    public decimal? PremiumPercent { get; private set; }
    public decimal? CurrentTargetPrice { get; private set; }
    public decimal? CurrentAcquirerPrice { get; private set; }
    public DateOnly? PricesAsOf { get; private set; }

    /// <summary>Offer value per target share minus the target's price; derived, never entered.</summary>
    public decimal? Spread { get; private set; }

    /// <summary>Spread over target price, scaled to a year from <see cref="PricesAsOf"/> to the expected close; derived.</summary>
    public decimal? AnnualizedReturn { get; private set; }

    public decimal? ProbabilityOfClose { get; private set; }
    public decimal? BreakFee { get; private set; }
    public string[] RegulatoryApprovals { get; private set; } = [];
    public string[] Advisors { get; private set; } = [];
    public string? Financing { get; private set; }
    public bool IsHostile { get; private set; }
    public string[] Tags { get; private set; } = [];
    public string? AnalystNotes { get; private set; }
    public string? SourceDocumentRef { get; private set; }

    public Guid OwnerId { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public Guid? ReviewerId { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public string? ReviewComment { get; private set; }

    /// <summary>
    /// Everyone who changed the terms since the last approval. Four-eyes is about who wrote the terms
    /// under review, and an admin may edit anyone's deal: none of them may approve or reject it. Only an
    /// approval clears the list; a rejection vouches for nothing, so the edits it saw stay unreviewed.
    /// </summary>
    public Guid[] TermEditors { get; private set; } = [];

    public DateTimeOffset? DeletedAt { get; set; }

    public static Result<Deal> Create(DealTerms terms, Actor actor, DateTimeOffset now)
    {
        if (!actor.IsAnalyst)
        {
            return DealErrors.NotAnAnalyst;
        }

        terms = DealRules.Normalize(terms);
        if (DealRules.Validate(terms) is { Count: > 0 } errors)
        {
            return DealErrors.Invalid(errors);
        }

        var deal = new Deal { Id = Guid.CreateVersion7(now), OwnerId = actor.UserId, ReviewStatus = ReviewStatus.Draft };
        deal.Apply(terms);
        deal.Raise(new DealCreatedEvent(deal.Id, now, actor.UserId));
        return deal;
    }

    public DealTerms Terms => new()
    {
        Name = Name,
        Type = Type,
        Stage = Stage,
        TargetName = TargetName,
        TargetTicker = TargetTicker,
        TargetExchange = TargetExchange,
        TargetCountry = TargetCountry,
        AcquirerName = AcquirerName,
        AcquirerTicker = AcquirerTicker,
        Sector = Sector,
        Industry = Industry,
        Region = Region,
        AnnouncedOn = AnnouncedOn,
        ExpectedCloseOn = ExpectedCloseOn,
        ActualCloseOn = ActualCloseOn,
        DealValue = DealValue,
        Currency = Currency,
        Consideration = Consideration,
        OfferPricePerShare = OfferPricePerShare,
        ExchangeRatio = ExchangeRatio,
        PremiumPercent = PremiumPercent,
        CurrentTargetPrice = CurrentTargetPrice,
        CurrentAcquirerPrice = CurrentAcquirerPrice,
        PricesAsOf = PricesAsOf,
        ProbabilityOfClose = ProbabilityOfClose,
        BreakFee = BreakFee,
        RegulatoryApprovals = RegulatoryApprovals,
        Advisors = Advisors,
        Financing = Financing,
        IsHostile = IsHostile,
        Tags = Tags,
        AnalystNotes = AnalystNotes,
        SourceDocumentRef = SourceDocumentRef,
    };

    public bool IsOwnedBy(Actor actor) => OwnerId == actor.UserId;

    /// <summary>Replaces the terms. A reviewed or pending deal goes back to draft: the review was of other terms.</summary>
    public Result Update(DealTerms terms, Actor actor, DateTimeOffset now)
    {
        if (CanEdit(actor) is { } denied)
        {
            return denied;
        }

        terms = DealRules.Normalize(terms);
        if (DealRules.Validate(terms) is { Count: > 0 } errors)
        {
            return DealErrors.Invalid(errors);
        }

        if (terms.SameAs(Terms))
        {
            return Result.Ok();
        }

        Apply(terms);
        if (!TermEditors.Contains(actor.UserId))
        {
            TermEditors = [.. TermEditors, actor.UserId];
        }

        var returnedToDraft = ReviewStatus != ReviewStatus.Draft;
        if (returnedToDraft)
        {
            ReviewStatus = ReviewStatus.Draft;
            SubmittedAt = null;
            ReviewerId = null;
            ReviewedAt = null;
            ReviewComment = null;
        }

        Raise(new DealUpdatedEvent(Id, now, actor.UserId, returnedToDraft));
        return Result.Ok();
    }

    public Result Submit(Actor actor, DateTimeOffset now)
    {
        if (CanEdit(actor) is { } denied)
        {
            return denied;
        }

        if (ReviewStatus != ReviewStatus.Draft)
        {
            return DealErrors.NotDraft;
        }

        ReviewStatus = ReviewStatus.PendingReview;
        SubmittedAt = now;
        Raise(new DealSubmittedForReviewEvent(Id, now, actor.UserId));
        return Result.Ok();
    }

    public Result Approve(Actor reviewer, string? comment, DateTimeOffset now)
    {
        if (CanReview(reviewer) is { } denied)
        {
            return denied;
        }

        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (InvalidComment(comment) is { } invalid)
        {
            return invalid;
        }

        Decide(ReviewStatus.Approved, reviewer, comment, now);
        TermEditors = [];
        Raise(new DealApprovedEvent(Id, now, reviewer.UserId, comment));
        return Result.Ok();
    }

    public Result Reject(Actor reviewer, string? comment, DateTimeOffset now)
    {
        if (CanReview(reviewer) is { } denied)
        {
            return denied;
        }

        if (string.IsNullOrWhiteSpace(comment))
        {
            return DealErrors.CommentRequired;
        }

        comment = comment.Trim();
        if (InvalidComment(comment) is { } invalid)
        {
            return invalid;
        }

        Decide(ReviewStatus.Rejected, reviewer, comment, now);
        Raise(new DealRejectedEvent(Id, now, reviewer.UserId, comment));
        return Result.Ok();
    }

    public Result Delete(Actor actor, DateTimeOffset now)
    {
        if (CanEdit(actor) is { } denied)
        {
            return denied;
        }

        DeletedAt = now;
        Raise(new DealDeletedEvent(Id, now, actor.UserId));
        return Result.Ok();
    }

    public Result Restore(Actor actor, DateTimeOffset now)
    {
        if (!actor.IsAdmin)
        {
            return Error.Forbidden("deal.restore_requires_admin", "Only an admin can restore a deleted deal.");
        }

        if (DeletedAt is null)
        {
            return DealErrors.NotDeleted;
        }

        DeletedAt = null;
        Raise(new DealRestoredEvent(Id, now, actor.UserId));
        return Result.Ok();
    }

    private Error? CanEdit(Actor actor) =>
        actor.IsAdmin || (actor.IsAnalyst && IsOwnedBy(actor)) ? null : DealErrors.NotOwner;

    private Error? CanReview(Actor reviewer)
    {
        if (!reviewer.IsReviewer)
        {
            return DealErrors.NotAReviewer;
        }

        if (IsOwnedBy(reviewer) || TermEditors.Contains(reviewer.UserId))
        {
            return DealErrors.FourEyes;
        }

        return ReviewStatus == ReviewStatus.PendingReview ? null : DealErrors.NotPendingReview;
    }

    private static Error? InvalidComment(string? comment) =>
        comment is not null && (comment.Length > DealErrors.CommentMaxLength || comment.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            ? DealErrors.Invalid(new Dictionary<string, string[]>
            {
                ["comment"] = [$"At most {DealErrors.CommentMaxLength} characters, without control characters."],
            })
            : null;

    private void Decide(ReviewStatus outcome, Actor reviewer, string? comment, DateTimeOffset now)
    {
        ReviewStatus = outcome;
        ReviewerId = reviewer.UserId;
        ReviewedAt = now;
        ReviewComment = comment;
    }

    private void Apply(DealTerms terms)
    {
        Name = terms.Name;
        Type = terms.Type;
        Stage = terms.Stage;
        TargetName = terms.TargetName;
        TargetTicker = terms.TargetTicker;
        TargetExchange = terms.TargetExchange;
        TargetCountry = terms.TargetCountry;
        AcquirerName = terms.AcquirerName;
        AcquirerTicker = terms.AcquirerTicker;
        Sector = terms.Sector;
        Industry = terms.Industry;
        Region = terms.Region;
        AnnouncedOn = terms.AnnouncedOn;
        ExpectedCloseOn = terms.ExpectedCloseOn;
        ActualCloseOn = terms.ActualCloseOn;
        DealValue = terms.DealValue;
        Currency = terms.Currency;
        Consideration = terms.Consideration;
        OfferPricePerShare = terms.OfferPricePerShare;
        ExchangeRatio = terms.ExchangeRatio;
        PremiumPercent = terms.PremiumPercent;
        CurrentTargetPrice = terms.CurrentTargetPrice;
        CurrentAcquirerPrice = terms.CurrentAcquirerPrice;
        PricesAsOf = terms.PricesAsOf;
        ProbabilityOfClose = terms.ProbabilityOfClose;
        BreakFee = terms.BreakFee;
        RegulatoryApprovals = [.. terms.RegulatoryApprovals];
        Advisors = [.. terms.Advisors];
        Financing = terms.Financing;
        IsHostile = terms.IsHostile;
        Tags = [.. terms.Tags];
        AnalystNotes = terms.AnalystNotes;
        SourceDocumentRef = terms.SourceDocumentRef;
        (Spread, AnnualizedReturn) = DealFigures.Derive(terms);
    }
}
