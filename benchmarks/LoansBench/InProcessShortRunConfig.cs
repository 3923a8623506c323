using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace LoansBench;

/// <summary>
/// A short run inside this process. The usual out-of-process toolchain rebuilds the whole loans project
/// graph for the generated host, which on a small shared machine outlasts BenchmarkDotNet's two-minute
/// build timeout; the figures measured here (milliseconds per page) do not need process isolation.
/// </summary>
public sealed class InProcessShortRunConfig : ManualConfig
{
    public InProcessShortRunConfig() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
}
