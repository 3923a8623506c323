using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Jobs;

/// <summary>
/// Holds one dedicated connection that LISTENs on the schema's job channel and wakes this replica's
/// worker. PostgreSQL delivers a NOTIFY only when the enqueuing transaction commits, and to every
/// listening replica, so each of them tries to claim at once; SKIP LOCKED decides who gets the job.
/// When the connection drops it reconnects with back-off; meanwhile the worker's poll finds the jobs.
/// </summary>
internal sealed class JobNotificationListener<TDb>(IServiceScopeFactory scopes, JobSignal signal, ILogger<JobNotificationListener<TDb>> logger) : BackgroundService
    where TDb : DbContext
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string connectionString, channel;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TDb>();
            connectionString = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString())
            {
                // Its own physical connection: a pooled one would return to the pool still listening.
                Pooling = false,
                KeepAlive = 15,
                ApplicationName = "jobs-listener",
            }.ConnectionString;
            channel = JobsModel.ChannelOf(db);
        }

        var backoff = MinBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, _) => signal.Ring();
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN \"{channel}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                backoff = MinBackoff;
                // Jobs enqueued while the connection was down were not announced.
                signal.Ring();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "The job notification connection failed; reconnecting in {Backoff}", backoff);
                try
                {
                    await Task.Delay(backoff, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }
}
