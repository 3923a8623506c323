using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Persistence;

namespace Platform.Jobs;

/// <summary>
/// Wakes this replica's worker when a job is enqueued anywhere: every listening replica tries to
/// claim at once, and SKIP LOCKED decides who gets the job. While the connection is down the
/// worker's poll finds the jobs.
/// </summary>
internal sealed class JobNotificationListener<TDb>(IServiceScopeFactory scopes, JobSignal signal, ILogger<JobNotificationListener<TDb>> logger)
    : PostgresNotificationListener(logger)
    where TDb : DbContext
{
    protected override async Task<(string ConnectionString, string Channel)> ResolveAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        return (db.Database.GetConnectionString()!, JobsModel.ChannelOf(db));
    }

    protected override void OnNotification(string payload) => signal.Ring();

    // Jobs enqueued while the connection was down were not announced.
    protected override void OnListening() => signal.Ring();
}
