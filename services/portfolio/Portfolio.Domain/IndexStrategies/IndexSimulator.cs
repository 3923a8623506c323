using Portfolio.Domain.Risk.Statistics;

namespace Portfolio.Domain.IndexStrategies;

/// <summary>
/// Simulates an index one day at a time, so a caller can stream years of closes through it without holding
/// them: feed every day in date order (<see cref="Advance"/>), days before the start too (they only fill
/// the trailing volatility window), then <see cref="Finish"/>.
/// </summary>
/// <remarks>
/// A name's price on a day is its latest local close times its latest FX rate to the simulation's currency
/// (both carried forward over days without one). On the first day at or after the start on which some
/// name has a price, the amount is invested at the rule's target weights; on the first day of each later
/// month the index rebalances at that day's close towards the target, trading at most the turnover limit
/// (<see cref="IndexWeights.LimitTurnover"/>). No costs, no cash: the value is Σ unitsᵢ × priceᵢ. Returns
/// for inverse volatility are the day-on-day changes of a name's converted price on days it closed.
/// Doubles throughout; the caller rounds what it reports.
/// </remarks>
public sealed class IndexSimulator
{
    private readonly IndexRules _rules;
    private readonly double _amount;
    private readonly DateOnly _start;
    private readonly int _names;
    private readonly double[] _local;
    private readonly double[] _fx;
    private readonly double[] _price;
    private readonly double[] _units;
    private readonly double[] _weights;
    private readonly double[] _targets;
    private readonly double[] _volatilities;
    private readonly bool[] _available;
    private readonly ReturnWindow _returns;
    private readonly List<IndexPoint> _path = [];
    private readonly List<IndexRebalance> _rebalances = [];
    private readonly List<double> _dailyReturns = [];
    private DateOnly? _lastDate;
    private bool _invested;
    private Drawdown _drawdown = new(0, null, null, null);
    private (double Value, DateOnly Date) _peak;
    private double _drawdownPeakValue;

    public IndexSimulator(IndexRules rules, int names, double amount, DateOnly start)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(names, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rules.VolatilityWindow, 2, nameof(rules));
        if (!double.IsFinite(amount) || amount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "The amount must be positive and finite.");
        }

        (_rules, _names, _amount, _start) = (rules, names, amount, start);
        _local = Filled(names, double.NaN);
        _fx = Filled(names, double.NaN);
        _price = Filled(names, double.NaN);
        _units = new double[names];
        _weights = new double[names];
        _targets = new double[names];
        _volatilities = new double[names];
        _available = new bool[names];
        _returns = new ReturnWindow(names, rules.VolatilityWindow);
    }

    /// <summary>One day: each name's local close (NaN or ≤ 0: none that day) and its rate to the simulation's currency (NaN: unchanged).</summary>
    /// <exception cref="ArgumentException">A day out of order, or spans of the wrong length.</exception>
    public void Advance(DateOnly date, ReadOnlySpan<double> closes, ReadOnlySpan<double> fxToTarget)
    {
        if (closes.Length != _names || fxToTarget.Length != _names)
        {
            throw new ArgumentException($"Expected {_names} closes and rates.", nameof(closes));
        }

        if (_lastDate is { } last && date <= last)
        {
            throw new ArgumentException($"Days must come in ascending order: {date} after {last}.", nameof(date));
        }

        for (var i = 0; i < _names; i++)
        {
            _fx[i] = fxToTarget[i] > 0 && double.IsFinite(fxToTarget[i]) ? fxToTarget[i] : _fx[i];
            var closed = closes[i] > 0 && double.IsFinite(closes[i]);
            _local[i] = closed ? closes[i] : _local[i];
            var price = _local[i] * _fx[i];
            if (!double.IsFinite(price))
            {
                continue;
            }

            if (closed && _price[i] > 0)
            {
                _returns.Add(i, (price / _price[i]) - 1);
            }

            _price[i] = price;
        }

        var newMonth = _lastDate is { } previous && (previous.Month != date.Month || previous.Year != date.Year);
        _lastDate = date;
        if (date < _start)
        {
            return;
        }

        if (!_invested)
        {
            Invest(date);
            return;
        }

        var value = Value();
        _dailyReturns.Add((value / _path[^1].Value) - 1);
        Record(date, value);
        if (newMonth)
        {
            Rebalance(date, value);
        }
    }

    /// <summary>The path, the rebalances and their statistics; Sharpe against <paramref name="riskFreeRate"/> (annual).</summary>
    /// <exception cref="InvalidOperationException">No day on or after the start had a price.</exception>
    public IndexSimulation Finish(double riskFreeRate)
    {
        if (!_invested)
        {
            throw new InvalidOperationException("No name had a price on or after the start date.");
        }

        var figures = PerformanceStatistics.FromDailyReturns(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_dailyReturns), riskFreeRate);
        var (first, last) = (_path[0], _path[^1]);
        var statistics = new IndexStatistics(first.Date, last.Date, _path.Count, first.Value, last.Value, (last.Value / first.Value) - 1,
            figures.AnnualisedReturn, figures.AnnualisedVolatility, figures.Sharpe, _drawdown);
        return new IndexSimulation(_path, _rebalances, statistics);
    }

    private void Invest(DateOnly date)
    {
        if (!Target())
        {
            return;
        }

        _invested = true;
        _targets.CopyTo(_weights, 0);
        Hold(_amount);
        _peak = (_amount, date);
        _path.Add(new IndexPoint(date, _amount));
        _rebalances.Add(new IndexRebalance(date, true, [.. _weights], [.. _targets], 1, 1));
    }

    private void Rebalance(DateOnly date, double value)
    {
        for (var i = 0; i < _names; i++)
        {
            _weights[i] = _units[i] > 0 ? _units[i] * _price[i] / value : 0;
        }

        Target();
        var (needed, traded) = IndexWeights.LimitTurnover(_weights, _targets, _rules.MaxTurnover);
        Hold(value);
        _rebalances.Add(new IndexRebalance(date, false, [.. _weights], [.. _targets], needed, traded));
    }

    /// <summary>Sets the rule's target weights over the names with a price; false when none has one.</summary>
    private bool Target()
    {
        var any = false;
        for (var i = 0; i < _names; i++)
        {
            _available[i] = _price[i] > 0;
            any |= _available[i];
        }

        if (!any)
        {
            return false;
        }

        switch (_rules.Weighting)
        {
            case IndexWeighting.InverseVolatility:
                for (var i = 0; i < _names; i++)
                {
                    _volatilities[i] = _returns.Deviation(i);
                }

                IndexWeights.InverseVolatility(_available, _volatilities, _targets);
                break;
            case IndexWeighting.CappedMarketValue:
                // No shares outstanding in the service's copy: a name's market value is its price, one share each (price weighting).
                IndexWeights.Capped(_available, _price, _rules.WeightCap, _targets);
                break;
            default:
                IndexWeights.Equal(_available, _targets);
                break;
        }

        return true;
    }

    private void Hold(double value)
    {
        for (var i = 0; i < _names; i++)
        {
            _units[i] = _weights[i] > 0 ? value * _weights[i] / _price[i] : 0;
        }
    }

    private double Value()
    {
        var value = 0.0;
        for (var i = 0; i < _names; i++)
        {
            value += _units[i] > 0 ? _units[i] * _price[i] : 0;
        }

        return value;
    }

    private void Record(DateOnly date, double value)
    {
        _path.Add(new IndexPoint(date, value));
        if (value >= _peak.Value)
        {
            _peak = (value, date);
            if (_drawdown.MaxDrawdown > 0 && _drawdown.RecoveryDate is null && value >= _drawdownPeakValue)
            {
                _drawdown = _drawdown with { RecoveryDate = date };
            }

            return;
        }

        var fall = (_peak.Value - value) / _peak.Value;
        if (fall > _drawdown.MaxDrawdown)
        {
            _drawdown = new Drawdown(fall, _peak.Date, date, null);
            _drawdownPeakValue = _peak.Value;
        }
    }

    private static double[] Filled(int length, double value)
    {
        var array = new double[length];
        Array.Fill(array, value);
        return array;
    }
}
