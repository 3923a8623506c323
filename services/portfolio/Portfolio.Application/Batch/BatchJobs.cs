using Platform.Jobs;
using Portfolio.Application.Snapshots;

namespace Portfolio.Application.Batch;

/// <summary>Parameters of a fanned-out run: <see cref="Recompute"/> redoes the portfolios an earlier run already finished for the date.</summary>
public sealed record PortfolioBatchParams(bool Recompute = false);

/// <summary>The market data sync takes no parameters.</summary>
public sealed record MarketDataSyncParams;

/// <summary>How many days of snapshots are kept; older ones are archived, then deleted.</summary>
public sealed record RetentionParams(int KeepDays = RetentionParams.Default)
{
    public const int Default = 365;
    public const string KeepDaysRule = "Must be between 1 and 36500.";

    public static bool IsValid(int keepDays) => keepDays is >= 1 and <= 36_500;
}

/// <summary>
/// The nightly batch on the shared job runner: market data first, then risk and snapshots of every portfolio
/// (fanned out over the broker), then retention. Default schedules in New York time on weekdays; admins edit
/// them through <c>PUT /api/v1/portfolios/admin/job-schedules/{type}</c>.
/// </summary>
public static class BatchJobs
{
    public const string MarketDataSync = "market-data-sync";
    public const string RiskMetrics = "risk-metrics";
    public const string Snapshots = "snapshots";
    public const string Retention = "retention";
    public const string TimeZone = "America/New_York";

    public static readonly IReadOnlyList<string> All = [MarketDataSync, RiskMetrics, Snapshots, Retention];

    /// <summary>The fanned-out types: one message per portfolio.</summary>
    public static bool IsPerPortfolio(string type) => type is RiskMetrics or Snapshots;

    public static void Register(JobsBuilder jobs) => jobs
        .Add<MarketDataSyncParams, MarketDataSyncJob>(MarketDataSync, timeout: TimeSpan.FromMinutes(15))
        .Add<PortfolioBatchParams, RiskMetricsJob>(RiskMetrics, timeout: TimeSpan.FromMinutes(10))
        .Add<PortfolioBatchParams, SnapshotsJob>(Snapshots, timeout: TimeSpan.FromMinutes(5))
        .Add<RetentionParams, SnapshotRetention>(Retention, timeout: TimeSpan.FromMinutes(30))
        .Schedule(MarketDataSync, "0 45 16 ? * MON-FRI", TimeZone, new MarketDataSyncParams())
        .Schedule(RiskMetrics, "0 0 17 ? * MON-FRI", TimeZone, new PortfolioBatchParams())
        .Schedule(Snapshots, "0 30 17 ? * MON-FRI", TimeZone, new PortfolioBatchParams())
        .Schedule(Retention, "0 0 19 ? * MON-FRI", TimeZone, new RetentionParams());

    /// <summary>Today in New York: the business date of a run started without one.</summary>
    public static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime);
}

/// <summary>The closes of every symbol held (and the factor proxies), as the periodic sync does it.</summary>
internal sealed class MarketDataSyncJob(Market.MarketDataSync sync) : IJobHandler<MarketDataSyncParams>
{
    public async Task RunAsync(JobContext<MarketDataSyncParams> job, CancellationToken cancellationToken)
    {
        var outcome = await sync.RunAsync(cancellationToken);
        job.Progress.SetTotal(outcome.Tracked + outcome.BackFilled + outcome.Unavailable);
        job.Progress.Advance(outcome.Tracked + outcome.BackFilled);
        if (outcome.Unavailable > 0)
        {
            job.Progress.ItemFailed("marketdata", $"{outcome.Unavailable} symbol(s) not answered by marketdata; the next sync asks again.");
        }
    }
}
