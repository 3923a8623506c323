using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Platform.Jobs;

/// <summary>Enqueues jobs through the scope's <typeparamref name="TDb"/>, so a caller's open transaction covers the job row.</summary>
internal sealed class JobQueue<TDb>(TDb db, JobRegistry registry, JobSignal signal, TimeProvider clock) : IJobs
    where TDb : DbContext
{
    public Task<Result<Guid>> EnqueueAsync<TParams>(string type, TParams parameters, DateOnly? businessDate, string requestedBy, CancellationToken cancellationToken = default) =>
        EnqueueJsonAsync(type, JsonSerializer.Serialize(parameters, JobsModel.Json), businessDate, requestedBy, cancellationToken);

    /// <summary>Parameters as JSON, as they arrive over HTTP: checked against the type's parameter class first.</summary>
    public async Task<Result<Guid>> EnqueueJsonAsync(string type, string parametersJson, DateOnly? businessDate, string requestedBy, CancellationToken cancellationToken)
    {
        if (registry.Find(type) is not { } definition)
        {
            return JobErrors.UnknownType(type);
        }

        if (definition.CheckParameters(parametersJson) is { } problem)
        {
            return JobErrors.InvalidParameters(problem);
        }

        var result = await JobStore.InsertAsync(db, definition, parametersJson, businessDate, requestedBy, clock.GetUtcNow(), cancellationToken);
        if (result.IsSuccess && db.Database.CurrentTransaction is null)
        {
            // Already committed: this replica's worker need not wait for the notification's round trip.
            signal.Ring();
        }

        return result;
    }
}
