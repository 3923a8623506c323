namespace Portfolio.Application.Reports.Rendering;

/// <summary>
/// A chart's value axis: a range widened to "nice" tick steps (1, 2, 2.5 or 5 × 10ⁿ) that always includes zero,
/// and the mapping of a value onto a plot area's height. Pure, so it is tested without drawing anything.
/// </summary>
public sealed record ChartScale(double Min, double Max, double Step)
{
    public static ChartScale For(IEnumerable<double> values, int maxTicks = 6)
    {
        ArgumentNullException.ThrowIfNull(values);
        double min = 0, max = 0;
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException("Chart values must be finite.", nameof(values));
            }

            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        if (max - min == 0)
        {
            max = min + 1;
        }

        var step = NiceStep((max - min) / Math.Max(maxTicks - 1, 1));
        return new ChartScale(Math.Floor(min / step) * step, Math.Ceiling(max / step) * step, step);
    }

    public IReadOnlyList<double> Ticks
    {
        get
        {
            var ticks = new List<double>();
            var count = (int)Math.Round((Max - Min) / Step);
            for (var i = 0; i <= count; i++)
            {
                ticks.Add(Math.Round(Min + (i * Step), 10));
            }

            return ticks;
        }
    }

    /// <summary>The y coordinate of <paramref name="value"/> in a plot area from <paramref name="top"/> down <paramref name="height"/> (y grows downwards).</summary>
    public double Y(double value, double top, double height) => top + (height * (Max - value) / (Max - Min));

    public static double NiceStep(double rough)
    {
        if (rough <= 0 || !double.IsFinite(rough))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
