namespace Portfolio.Domain.IndexStrategies;

/// <summary>The last <c>window</c> daily returns of each name in a ring: memory stays window × names however long the history.</summary>
internal sealed class ReturnWindow(int names, int window)
{
    private readonly double[] _returns = new double[names * window];
    private readonly int[] _count = new int[names];
    private readonly int[] _next = new int[names];

    public void Add(int name, double dailyReturn)
    {
        _returns[(name * window) + _next[name]] = dailyReturn;
        _next[name] = (_next[name] + 1) % window;
        _count[name] = Math.Min(_count[name] + 1, window);
    }

    /// <summary>Sample standard deviation of the name's returns in the window; NaN with fewer than two.</summary>
    public double Deviation(int name)
    {
        var n = _count[name];
        if (n < 2)
        {
            return double.NaN;
        }

        var returns = _returns.AsSpan(name * window, n);
        var mean = 0.0;
        foreach (var r in returns)
        {
            mean += r;
        }

        mean /= n;
        var squares = 0.0;
        foreach (var r in returns)
        {
            squares += (r - mean) * (r - mean);
        }

        return Math.Sqrt(squares / (n - 1));
    }
}
