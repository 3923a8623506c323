namespace Portfolio.Domain.Instruments;

// Long and Short are the desk's words for the side of a holding, not the integer types.
#pragma warning disable CA1720
public enum PositionType
{
    Long,
    Short,
    LongCall,
    LongPut,
    ShortCall,
    ShortPut,
}
#pragma warning restore CA1720
