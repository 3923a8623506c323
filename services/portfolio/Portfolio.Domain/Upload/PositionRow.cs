using Portfolio.Domain.Instruments;

namespace Portfolio.Domain.Upload;

/// <summary>
/// One valid data row of a positions file. <see cref="Symbol"/> is the ticker of a stock or ETF, or the
/// canonical OCC string of an option; <see cref="Multiplier"/> is 1 for stocks and 100 for options unless
/// the file says otherwise.
/// </summary>
public sealed record PositionRow(
    int Line,
    string Symbol,
    decimal Quantity,
    decimal EntryPrice,
    DateOnly EntryDate,
    PositionType Type,
    OccSymbol? Option,
    decimal Multiplier,
    IReadOnlyList<string> Tags,
    string? Strategy,
    string? Currency);
