namespace Alerts.Domain;

public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}

public enum AlertCategory
{
    Deal,
    Risk,
    Market,
    Loan,
    System,
}

public enum RuleKind
{
    PriceAbove,
    PriceBelow,
    VarAbove,
}
