using Portfolio.Domain.Pricing;

namespace Portfolio.Domain.Risk.Revaluation;

/// <summary>
/// Historical-simulation P&amp;L with full revaluation: every underlying moves by its scenario return,
/// linear positions revalue linearly, and every option is repriced at the shocked spot with its
/// expiry shortened by the horizon, volatility and rates unchanged.
/// </summary>
public static class FullRevaluation
{
    // Scenario returns are measured over trading days, so the horizon ages options by trading days.
    private const double TradingDaysPerYear = 252.0;

    // One kernel call's inputs and outputs (13 arrays of 2,048 doubles, 208 KiB) stay in L2 cache.
    private const int LanesPerKernelCall = 2048;

    /// <param name="pnl">Receives, per scenario, the book's P&amp;L in base currency.</param>
    /// <param name="horizonDays">Trading days the scenario returns span; options lose horizonDays/252 years.</param>
    /// <param name="kernel">Prices the options; <see cref="GreeksKernels.Best"/> when null.</param>
    public static void ProfitAndLoss(
        RevaluationBook book, ScenarioSet scenarios, Span<double> pnl, int horizonDays = 1, IGreeksKernel? kernel = null)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentOutOfRangeException.ThrowIfNegative(horizonDays);
        if (book.UnderlyingCount != scenarios.UnderlyingCount)
        {
            throw new ArgumentException(
                $"The book has {book.UnderlyingCount} underlyings, the scenarios {scenarios.UnderlyingCount}.", nameof(scenarios));
        }

        if (pnl.Length != scenarios.ScenarioCount)
        {
            throw new ArgumentException($"Expected room for {scenarios.ScenarioCount} scenarios, got {pnl.Length}.", nameof(pnl));
        }

        LinearProfitAndLoss(book.LinearExposure, scenarios, pnl);
        if (book.OptionCount > 0)
        {
            AddOptionProfitAndLoss(book.Options, scenarios, pnl, horizonDays / TradingDaysPerYear, kernel ?? GreeksKernels.Best);
        }
    }

    // pnl[s] = Σ_u exposure_u·S_u·r_{s,u}: one dot product per scenario over a contiguous row.
    private static void LinearProfitAndLoss(ReadOnlySpan<double> exposure, ScenarioSet scenarios, Span<double> pnl)
    {
        int underlyings = scenarios.UnderlyingCount;
        var pnlOfFullReturn = new double[underlyings];
        for (int u = 0; u < underlyings; u++)
        {
            pnlOfFullReturn[u] = exposure[u] * scenarios.Spots[u];
        }

        for (int s = 0; s < scenarios.ScenarioCount; s++)
        {
            ReadOnlySpan<double> returns = scenarios.Returns.AsSpan(s * underlyings, underlyings);
            double sum = 0;
            for (int u = 0; u < underlyings; u++)
            {
                sum += pnlOfFullReturn[u] * returns[u];
            }

            pnl[s] = sum;
        }
    }

    private static void AddOptionProfitAndLoss(
        IReadOnlyList<OptionPosition> options, ScenarioSet scenarios, Span<double> pnl, double elapsedYears, IGreeksKernel kernel)
    {
        double[] currentValues = CurrentValues(options, scenarios.Spots, kernel);
        double[] shockedSpots = ShockedSpotsByUnderlying(scenarios);
        int scenarioCount = scenarios.ScenarioCount;
        var input = new OptionBatch(LanesPerKernelCall);
        var output = new GreeksBatch(LanesPerKernelCall);
        var pending = new List<LaneRange>();
        for (int o = 0; o < options.Count; o++)
        {
            OptionPosition option = options[o];
            OptionContract aged = option.At(spot: 0, elapsedYears);
            for (int first = 0; first < scenarioCount;)
            {
                int lanes = Math.Min(scenarioCount - first, LanesPerKernelCall - input.Count);
                pending.Add(new LaneRange(o, first, input.Count, lanes));
                input.Append(shockedSpots.AsSpan(option.Underlying * scenarioCount + first, lanes), aged);
                first += lanes;
                if (input.Count == LanesPerKernelCall)
                {
                    Revalue(input, output, pending, options, currentValues, kernel, pnl);
                }
            }
        }

        Revalue(input, output, pending, options, currentValues, kernel, pnl);
    }

    private static void Revalue(
        OptionBatch input, GreeksBatch output, List<LaneRange> pending, IReadOnlyList<OptionPosition> options,
        double[] currentValues, IGreeksKernel kernel, Span<double> pnl)
    {
        kernel.Evaluate(input, output);
        foreach (LaneRange range in pending)
        {
            double units = options[range.Option].UnitsInBase;
            double currentValue = currentValues[range.Option];
            ReadOnlySpan<double> shockedValues = output.Price.AsSpan(range.FirstLane, range.Count);
            Span<double> scenarioPnl = pnl.Slice(range.FirstScenario, range.Count);
            for (int k = 0; k < shockedValues.Length; k++)
            {
                scenarioPnl[k] += units * (shockedValues[k] - currentValue);
            }
        }

        pending.Clear();
        input.Count = 0;
    }

    // Priced with the same kernel as the scenarios, so a kernel's rounding cancels in V′ − V.
    private static double[] CurrentValues(IReadOnlyList<OptionPosition> options, ReadOnlySpan<double> spots, IGreeksKernel kernel)
    {
        var input = new OptionBatch(options.Count) { Count = options.Count };
        for (int o = 0; o < options.Count; o++)
        {
            input.Set(o, options[o].At(spots[options[o].Underlying], elapsedYears: 0));
        }

        var output = new GreeksBatch(options.Count);
        kernel.Evaluate(input, output);
        return output.Price;
    }

    // Transposed to [underlying × ScenarioCount + scenario], so one option's scenarios are contiguous;
    // a return below −100% is a quoting error, and a price cannot fall below zero.
    private static double[] ShockedSpotsByUnderlying(ScenarioSet scenarios)
    {
        int underlyings = scenarios.UnderlyingCount;
        int scenarioCount = scenarios.ScenarioCount;
        var shocked = new double[underlyings * scenarioCount];
        for (int s = 0; s < scenarioCount; s++)
        {
            for (int u = 0; u < underlyings; u++)
            {
                shocked[u * scenarioCount + s] = Math.Max(scenarios.Spots[u] * (1 + scenarios.Returns[s * underlyings + u]), 0);
            }
        }

        return shocked;
    }

    /// <summary>Lanes of one kernel call that hold consecutive scenarios of one option.</summary>
    private readonly record struct LaneRange(int Option, int FirstScenario, int FirstLane, int Count);
}
