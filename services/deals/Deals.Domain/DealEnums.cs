namespace Deals.Domain;

public enum DealType
{
    Merger,
    Acquisition,
    TenderOffer,
    Ipo,
    FollowOn,
    DebtIssuance,
    SpinOff,
}

/// <summary>Where the transaction itself stands, independent of our internal review.</summary>
public enum LifecycleStage
{
    Announced,
    PendingRegulatory,
    Completed,
    Terminated,
    Withdrawn,
}

public static class LifecycleStages
{
    /// <summary>Stages in which the deal can still close, so its market prices still matter.</summary>
    public static readonly IReadOnlyList<LifecycleStage> Open = [LifecycleStage.Announced, LifecycleStage.PendingRegulatory];
}

/// <summary>Our internal review of the deal record before anyone acts on it.</summary>
public enum ReviewStatus
{
    Draft,
    PendingReview,
    Approved,
    Rejected,
}

public enum ConsiderationType
{
    Cash,
    Stock,
    Mixed,
}
