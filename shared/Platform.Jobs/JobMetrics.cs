using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.SharedKernel;

namespace Platform.Jobs;

/// <summary>The jobs building block's metrics (meter <c>Platform.Jobs</c>, exported with the other <c>Platform.*</c> meters).</summary>
internal static class JobMetrics
{
    public const string MeterName = "Platform.Jobs";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Runs = Meter.CreateCounter<long>("platform.jobs.runs", description: "Job runs that ended, by job type and outcome");
    public static readonly Counter<long> Failures = Meter.CreateCounter<long>("platform.jobs.failures", description: "Job runs that failed or timed out, by job type and outcome");
    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("platform.jobs.duration", "s", "From a run's start to its outcome");

    public static void Record(string type, JobStatus outcome, TimeSpan duration)
    {
        var tags = new TagList { { "job.type", type }, { "outcome", EnumText.Name(outcome) } };
        Runs.Add(1, tags);
        if (outcome is JobStatus.Failed or JobStatus.TimedOut)
        {
            Failures.Add(1, tags);
        }

        Duration.Record(duration.TotalSeconds, tags);
    }
}
