using Portfolio.Domain.Pricing;

namespace Portfolio.Domain.Instruments;

public static class PositionTypes
{
    /// <summary>The quantity's sign says long or short; the option right, when there is one, says call or put.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The quantity is zero: a position of nothing has no direction.</exception>
    public static PositionType Detect(decimal quantity, OptionRight? right)
    {
        ArgumentOutOfRangeException.ThrowIfZero(quantity);
        var isLong = quantity > 0;
        return right switch
        {
            null => isLong ? PositionType.Long : PositionType.Short,
            OptionRight.Call => isLong ? PositionType.LongCall : PositionType.ShortCall,
            OptionRight.Put => isLong ? PositionType.LongPut : PositionType.ShortPut,
            _ => throw new ArgumentOutOfRangeException(nameof(right), right, "Unknown option right."),
        };
    }

    public static bool IsOption(this PositionType type) => type.Right() is not null;

    public static OptionRight? Right(this PositionType type) => type switch
    {
        PositionType.LongCall or PositionType.ShortCall => OptionRight.Call,
        PositionType.LongPut or PositionType.ShortPut => OptionRight.Put,
        _ => null,
    };

    /// <summary>+1 for a long (bought) position, −1 for a short (sold or written) one.</summary>
    public static int Sign(this PositionType type) =>
        type is PositionType.Short or PositionType.ShortCall or PositionType.ShortPut ? -1 : 1;
}
