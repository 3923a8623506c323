using System.Data.Common;
using Identity.Application.Persistence;
using Identity.Application.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Auth;
using StackExchange.Redis;

namespace Identity.Infrastructure;

/// <summary>
/// Writes committed session revocations to the shared revocation list in Redis (which announces each
/// to every replica of every service), oldest first, and marks them published. When Redis is away
/// the rows wait and the relay tries again every <see cref="PollInterval"/>: a deactivation made
/// during an outage takes effect everywhere within a second or two of Redis returning. Several
/// identity replicas may publish the same row; the list keeps the latest revocation per user, so
/// that is harmless.
/// </summary>
internal sealed class SessionRevocationRelay(
    IServiceScopeFactory scopes, IConnectionMultiplexer redis, SessionRevocationSignal signal, TimeProvider clock, ILogger<SessionRevocationRelay> logger)
    : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    // Published rows stay a week as a record of who was cut off when, then go.
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    private const int BatchSize = 100;
    private bool _failing;
    private DateTimeOffset _purgedAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await PublishBatchAsync(stoppingToken) == BatchSize)
                {
                }

                if (_failing)
                {
                    _failing = false;
                    logger.LogInformation("Session revocations reach Redis again.");
                }
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException || (exception is DbException or InvalidOperationException && !stoppingToken.IsCancellationRequested))
            {
                // Logged once per outage, not once a second.
                if (!_failing)
                {
                    _failing = true;
                    logger.LogError(exception, "Session revocations cannot be published; they wait in the database and are retried every {Interval}.", PollInterval);
                }
            }

            try
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var pending = await db.SessionRevocations.AsNoTracking()
            .Where(r => r.PublishedAt == null)
            .OrderBy(r => r.RevokedAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var database = redis.GetDatabase();
        foreach (var revocation in pending)
        {
            var now = clock.GetUtcNow();
            await RevocationStore.WriteAsync(
                database, revocation.UserId.ToString(), new RevocationEntry(revocation.StampFingerprint, revocation.RevokedAt, revocation.ExpiresAt), now);
            await db.SessionRevocations.Where(r => r.Id == revocation.Id)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.PublishedAt, now), cancellationToken);
            logger.LogInformation("Sessions of user {UserId} revoked ({Reason}) published to the revocation list.", revocation.UserId, revocation.Reason);
        }

        if (clock.GetUtcNow() - _purgedAt > TimeSpan.FromHours(1))
        {
            _purgedAt = clock.GetUtcNow();
            var before = _purgedAt - Retention;
            await db.SessionRevocations.Where(r => r.PublishedAt != null && r.ExpiresAt < before).ExecuteDeleteAsync(cancellationToken);
        }

        return pending.Count;
    }
}
