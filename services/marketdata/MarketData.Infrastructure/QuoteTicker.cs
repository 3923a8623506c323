using MarketData.Application;
using MarketData.Application.Providers;
using MarketData.Application.Refresh;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MarketData.Infrastructure;

/// <summary>
/// Polls live quotes every <see cref="MarketDataOptions.QuoteTickInterval"/> (off when zero). One
/// replica ticks at a time: the one holding a session advisory lock on its own connection, so N
/// replicas do not spend N times the provider's budget; when its connection or process dies the
/// lock is released and another replica takes over at its next tick.
/// </summary>
internal sealed class QuoteTicker(IServiceScopeFactory scopes, IOptions<MarketDataOptions> options, IConfiguration configuration, ILogger<QuoteTicker> logger)
    : BackgroundService
{
    private const long LeaderLock = 0x4D4B_5444_5449_434B; // "MKTDTICK"

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.QuoteTickInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        NpgsqlConnection? leadership = null;
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                try
                {
                    leadership = await LeadAsync(leadership, stoppingToken);
                    if (leadership is null)
                    {
                        continue;
                    }

                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<QuoteRefresher>().TickAsync(null, stoppingToken);
                }
                catch (Exception e) when (e is ProviderException or NpgsqlException or TimeoutException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("Quote tick skipped: {Reason}", e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (leadership is not null)
            {
                await leadership.DisposeAsync();
            }
        }
    }

    // Keeps (or tries to take) the leader's lock; null while another replica leads.
    private async Task<NpgsqlConnection?> LeadAsync(NpgsqlConnection? current, CancellationToken cancellationToken)
    {
        if (current is { State: System.Data.ConnectionState.Open })
        {
            return current;
        }

        if (current is not null)
        {
            await current.DisposeAsync();
        }

        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Postgres"))
        {
            Pooling = false,
            KeepAlive = 15,
            ApplicationName = "marketdata-quote-ticker",
        }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LeaderLock})", connection);
        if (await command.ExecuteScalarAsync(cancellationToken) is true)
        {
            logger.LogInformation("This replica now ticks quotes");
            return connection;
        }

        await connection.DisposeAsync();
        return null;
    }
}
