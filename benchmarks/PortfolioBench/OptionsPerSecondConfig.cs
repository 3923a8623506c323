using BenchmarkDotNet.Configs;

namespace PortfolioBench;

public sealed class OptionsPerSecondConfig : ManualConfig
{
    public OptionsPerSecondConfig() => AddColumn(new OptionsPerSecondColumn());
}
