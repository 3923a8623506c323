namespace Portfolio.Application.Risk;

/// <summary>
/// How risk figures, computed in double precision, are reported: money to the cent and percentages and
/// ratios to six decimals, rounded half away from zero, as docs/portfolio.md states. A figure that is not
/// finite is a defect upstream, never something to print: it throws.
/// </summary>
public static class Money
{
    public static decimal Round(double amount) => Math.Round(Finite(amount), 2, MidpointRounding.AwayFromZero);

    public static decimal Ratio(double value) => Math.Round(Finite(value), 6, MidpointRounding.AwayFromZero);

    /// <summary><paramref name="part"/> as a percentage of <paramref name="whole"/>; 0 when the whole is 0.</summary>
    public static decimal Percent(double part, double whole) => whole == 0 ? 0m : Ratio(100.0 * part / whole);

    private static decimal Finite(double value) =>
        double.IsFinite(value) ? (decimal)value : throw new InvalidOperationException($"A risk figure came out as {value}; refusing to report it.");
}
