namespace Platform.Jobs;

/// <summary>
/// The work of one job type, registered with <see cref="JobsBuilder.Add{TParams, THandler}"/> and
/// resolved in a scope of its own per run (inject the service's DbContext and anything else).
/// <para>
/// The contract: <b>replace, never append</b>. A job may run more than once for the same type and
/// business date (an admin re-runs it, a crashed run is re-queued), so a run must first remove or
/// overwrite what an earlier run for <see cref="JobContext{TParams}.BusinessDate"/> produced, ideally
/// in the same transaction as writing the new results. Then re-running is always safe.
/// </para>
/// Throw to fail the job; honour the cancellation token (the timeout and shutdown use it).
/// </summary>
public interface IJobHandler<TParams>
{
    Task RunAsync(JobContext<TParams> job, CancellationToken cancellationToken);
}
