using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.Persistence;

/// <summary>
/// Holds one dedicated connection that LISTENs on a PostgreSQL channel. PostgreSQL sends a NOTIFY
/// only when its transaction commits, to every listening replica, so a listener never acts on a row
/// that is not visible yet. When the connection drops it reconnects with back-off; notifications
/// sent meanwhile are lost, which <see cref="OnListening"/> and <see cref="OnDisconnected"/> let a
/// listener make up for (the fallback poll of whatever it wakes finds that work anyway, only later).
/// </summary>
public abstract class PostgresNotificationListener(ILogger logger) : BackgroundService
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private volatile bool _listening;

    /// <summary>Whether notifications arrive right now.</summary>
    public bool Listening => _listening;

    /// <summary>The database to listen on and the channel's name; read once, when the listener starts.</summary>
    protected abstract Task<(string ConnectionString, string Channel)> ResolveAsync(CancellationToken cancellationToken);

    protected abstract void OnNotification(string payload);

    /// <summary>LISTEN is in place (again): anything announced while it was not has to be looked for.</summary>
    protected virtual void OnListening()
    {
    }

    /// <summary>The connection failed; notifications will be missed until it is back.</summary>
    protected virtual void OnDisconnected()
    {
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var (database, channel) = await ResolveAsync(stoppingToken);
        var connectionString = new NpgsqlConnectionStringBuilder(database)
        {
            // Its own physical connection: a pooled one would return to the pool still listening.
            Pooling = false,
            // An idle LISTEN connection sends nothing; keepalives notice a silently dead peer.
            KeepAlive = 15,
            ApplicationName = $"{channel}-listener",
        }.ConnectionString;

        var backoff = MinBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, notification) => OnNotification(notification.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN \"{channel}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                logger.LogInformation("Listening for notifications on channel {Channel}", channel);
                backoff = MinBackoff;
                _listening = true;
                OnListening();
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
                _listening = false;
                logger.LogWarning(exception, "The notification connection for channel {Channel} failed; reconnecting in {Backoff}", channel, backoff);
                OnDisconnected();
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
