using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace PortfolioBench;

/// <summary>Throughput per core: the benchmarks run on one thread and report time per option.</summary>
public sealed class OptionsPerSecondColumn : IColumn
{
    public string Id => nameof(OptionsPerSecondColumn);

    public string ColumnName => "Options/s (1 core)";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Options priced with all five greeks per second on one core (1 s / Mean)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        double? nanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return nanoseconds is > 0 ? $"{1e9 / nanoseconds.Value / 1e6:N1} M" : "-";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
