namespace Loans.Domain.Bookings;

/// <summary>draft → submitted → approved → booked; submitted → rejected → (edited) draft.</summary>
public enum BookingStatus
{
    Draft,
    Submitted,
    Approved,
    Booked,
    Rejected,
}

public enum RateType
{
    Fixed,
    Floating,
}

/// <summary>The reference rates a floating loan is priced over.</summary>
public enum Benchmark
{
    Sofr,
    Euribor,
    Sonia,
    Estr,
    Prime,
    Corra,
    Saron,
    Tona,
}

public enum RepaymentFrequency
{
    Monthly,
    Quarterly,
    SemiAnnual,
    Annual,

    /// <summary>All principal at maturity.</summary>
    Bullet,
}

public enum FacilityType
{
    TermLoan,
    RevolvingCredit,
    DelayedDrawTermLoan,
    BridgeLoan,
    LetterOfCredit,
}

public enum FeeKind
{
    Upfront,
    Commitment,
    Arrangement,
    Agency,
    Utilization,
    Prepayment,
}

public enum CovenantKind
{
    MaxLeverage,
    MinInterestCoverage,
    MinFixedChargeCoverage,
    MinDebtServiceCoverage,
    MaxLoanToValue,
    MinLiquidity,
    MinNetWorth,
    MaxCapex,
}
