namespace Portfolio.Domain.Positions;

/// <summary>The option and stock combinations analysts name; <see cref="Custom"/> for anything else.</summary>
public enum StrategyKind
{
    Custom,
    CoveredCall,
    ProtectivePut,
    VerticalSpread,
    Straddle,
    Strangle,
    Collar,
    IronCondor,
    Butterfly,
    CalendarSpread,
    PairTrade,
}
