namespace Portfolio.Domain.Modeling;

/// <summary>
/// Sizing of a trade that brings a limit back inside. The first guess is worked out from the figure's own
/// formula; the caller's <c>inside</c> check (a full recalculation) decides, so a non-linear figure (VaR,
/// an option's delta) is still sized to the smallest whole quantity that is inside.
/// </summary>
public static class HedgeSizing
{
    /// <summary>Whole units, rounded up, whose value covers <paramref name="amount"/> at <paramref name="unitValue"/> each.</summary>
    public static long UnitsCovering(double amount, double unitValue)
    {
        if (unitValue <= 0 || !double.IsFinite(amount) || !double.IsFinite(unitValue))
        {
            throw new ArgumentOutOfRangeException(nameof(unitValue), "A unit value must be positive and finite.");
        }

        var units = Math.Ceiling(Math.Abs(amount) / unitValue - 1e-9);
        return units > long.MaxValue / 4 ? long.MaxValue / 4 : (long)Math.Max(units, 0);
    }

    /// <summary>
    /// How much of the largest name's exposure <paramref name="largest"/> to offset with a new position so that
    /// it is at most <paramref name="limitPercent"/> of gross: the offset counts once in gross too, so
    /// (A − d) / (G + d) ≤ c gives d = (A − cG) / (1 + c).
    /// </summary>
    public static double ConcentrationOffset(double largest, double gross, double limitPercent)
    {
        var c = limitPercent / 100.0;
        return Math.Max((Math.Abs(largest) - c * gross) / (1 + c), 0);
    }

    /// <summary>
    /// The smallest quantity in [1, <paramref name="maximum"/>] for which <paramref name="inside"/> holds, starting
    /// from <paramref name="guess"/>: doubles until inside, then bisects. Null when even the maximum is not inside.
    /// <paramref name="inside"/> must be monotone (outside below some quantity, inside from it on).
    /// </summary>
    public static long? SmallestInside(Func<long, bool> inside, long guess, long maximum)
    {
        ArgumentNullException.ThrowIfNull(inside);
        var high = Math.Clamp(guess, 1, maximum);
        var low = 0L;
        while (!inside(high))
        {
            if (high >= maximum)
            {
                return null;
            }

            low = high;
            high = Math.Min(high * 2, maximum);
        }

        // Inside at high; look below the guess too, it may have been generous.
        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            if (inside(middle))
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return high;
    }
}
