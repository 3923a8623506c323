using System.Diagnostics.CodeAnalysis;

namespace Portfolio.Domain.Instruments;

/// <summary>What a position holds and in which direction: stock or ETF long/short, or an option bought or written.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name",
    Justification = "Long and short are the trading terms, not the integer types.")]
public enum PositionType
{
    Long,
    Short,
    LongCall,
    LongPut,
    ShortCall,
    ShortPut,
}
