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
