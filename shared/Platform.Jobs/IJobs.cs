using Platform.SharedKernel;

namespace Platform.Jobs;

/// <summary>Starts tracked jobs of this service. Scoped: it writes through the scope's DbContext.</summary>
public interface IJobs
{
    /// <summary>
    /// Writes a queued job row through the service's DbContext, inside its current transaction if
    /// one is open (the job then exists only if that transaction commits), and wakes the job worker
    /// of every replica once it is committed. Fails with a conflict (carrying the pending job's id as
    /// <c>jobId</c>) when a job of this type and business date is already queued or running, and
    /// with not-found for a type this service has not registered.
    /// </summary>
    Task<Result<Guid>> EnqueueAsync<TParams>(string type, TParams parameters, DateOnly? businessDate, string requestedBy, CancellationToken cancellationToken = default);
}
