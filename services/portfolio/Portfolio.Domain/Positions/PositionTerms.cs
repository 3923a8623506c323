using Portfolio.Domain.Instruments;

namespace Portfolio.Domain.Positions;

/// <summary>
/// A position's terms, already validated: <see cref="Symbol"/> is the ticker, or for an option its
/// canonical OCC symbol, whose underlying is <see cref="Underlying"/>. <see cref="Quantity"/> is signed
/// (negative is short) and counts contracts for options, each on <see cref="Multiplier"/> units.
/// </summary>
public sealed record PositionTerms(
    string Symbol,
    string Underlying,
    PositionType Type,
    decimal Quantity,
    decimal EntryPrice,
    DateOnly EntryDate,
    string Currency,
    decimal Multiplier,
    OptionTerms? Option,
    IReadOnlyList<string> Tags,
    Guid? StrategyId,
    string? Notes);
