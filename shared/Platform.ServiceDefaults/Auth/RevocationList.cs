using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.SharedKernel;
using StackExchange.Redis;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// Every validator's in-memory copy of the revocation list, so checking a token costs a dictionary
/// lookup instead of a Redis round trip. It subscribes to the list's channel (a revocation reaches
/// every replica within milliseconds and ends the streams watching that session) and reads the
/// whole list again at start, after every Redis reconnection (announcements made while it was
/// away are not replayed) and every <see cref="ResyncInterval"/> as a safety net.
/// <para>
/// While Redis is unreachable the copy keeps what it knew: revocations made during the outage are
/// written by the identity service once Redis is back (they wait in its database) and arrive then.
/// A process that starts during an outage knows none until Redis returns: that is the documented
/// fail-open window (docs/security.md), bounded by the access-token lifetime.
/// </para>
/// </summary>
public sealed class RevocationList(IConnectionMultiplexer redis, TimeProvider clock, ILogger<RevocationList> logger)
    : BackgroundService, IAccessTokenRevocation
{
    public static readonly TimeSpan ResyncInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FirstSyncLookupTimeout = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<string, RevocationEntry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Watcher, byte>> _watchers = new(StringComparer.Ordinal);
    private readonly Doorbell _resync = new();
    private volatile bool _subscribed;
    private long _failOpenWarnedAt;

    /// <summary>When the copy last matched Redis in full; null until the first read succeeded.</summary>
    public DateTimeOffset? SyncedAt { get; private set; }

    public ValueTask<bool> IsRevokedAsync(string subject, string stampFingerprint, CancellationToken cancellationToken) =>
        SyncedAt is null ? LookUpBeforeFirstSyncAsync(subject, stampFingerprint, cancellationToken) : ValueTask.FromResult(IsRevoked(subject, stampFingerprint));

    // Until the first full read a fresh replica asks Redis directly, so it does not start by
    // accepting tokens every other replica refuses; without Redis it accepts (the fail-open window).
    // Not connected at all, it does not ask: every request would wait out the timeout (a replica
    // started during an outage answered each request 250 ms late).
    private async ValueTask<bool> LookUpBeforeFirstSyncAsync(string subject, string stampFingerprint, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            WarnFailingOpen("not connected");
            return IsRevoked(subject, stampFingerprint);
        }

        try
        {
            var value = await redis.GetDatabase().StringGetAsync(RevocationStore.Key(subject)).WaitAsync(FirstSyncLookupTimeout, cancellationToken);
            if (RevocationStore.TryParse(value, out var entry))
            {
                Apply(subject, entry);
            }
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            WarnFailingOpen(exception.Message);
        }

        return IsRevoked(subject, stampFingerprint);
    }

    // Once per RetryInterval at most: during an outage every request comes through here.
    private void WarnFailingOpen(string reason)
    {
        var now = clock.GetTimestamp();
        var last = Interlocked.Read(ref _failOpenWarnedAt);
        if ((last != 0 && clock.GetElapsedTime(last, now) < RetryInterval) || Interlocked.CompareExchange(ref _failOpenWarnedAt, now, last) != last)
        {
            return;
        }

        logger.LogWarning("Revocation list not yet read and Redis unreachable ({Reason}); accepting tokens on their signature and lifetime.", reason);
    }

    public bool IsRevoked(string subject, string stampFingerprint) =>
        _entries.TryGetValue(subject, out var entry) && entry.Fingerprint != stampFingerprint && entry.ExpiresAt > clock.GetUtcNow();

    /// <summary>
    /// Watches one session: the returned watch's token is cancelled as soon as the subject's
    /// sessions with this stamp are revoked, on whichever replica learns it (at once if they already
    /// are). For long-lived responses (event streams) that a revocation must end.
    /// </summary>
    public RevocationWatch Watch(string subject, string stampFingerprint)
    {
        var watcher = new Watcher(stampFingerprint);
        var watchers = _watchers.GetOrAdd(subject, _ => new ConcurrentDictionary<Watcher, byte>());
        watchers.TryAdd(watcher, 0);
        // Checked after registering, so a revocation landing in between is seen one way or the other.
        if (IsRevoked(subject, stampFingerprint))
        {
            watcher.Revoke();
        }

        return new RevocationWatch(watcher.Token, () =>
        {
            watchers.TryRemove(watcher, out _);
            if (watchers.IsEmpty)
            {
                _watchers.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Watcher, byte>>(subject, watchers));
            }

            watcher.Dispose();
        });
    }

    /// <summary>Takes a revocation in (from the channel or a full read); an older one than known changes nothing.</summary>
    public void Apply(string subject, RevocationEntry entry)
    {
        var stored = _entries.AddOrUpdate(subject, entry, (_, known) => entry.Supersedes(known) ? entry : known);
        if (stored != entry || !_watchers.TryGetValue(subject, out var watchers))
        {
            return;
        }

        foreach (var watcher in watchers.Keys)
        {
            if (watcher.Fingerprint != entry.Fingerprint)
            {
                watcher.Revoke();
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionRestored += (_, _) => _resync.Ring();
        while (!stoppingToken.IsCancellationRequested)
        {
            var synced = await TrySyncAsync(stoppingToken);
            try
            {
                await _resync.WaitAsync(synced ? ResyncInterval : RetryInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<bool> TrySyncAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!_subscribed)
            {
                await redis.GetSubscriber().SubscribeAsync(RevocationStore.Channel, (_, message) => OnAnnouncement(message));
                _subscribed = true;
            }

            await ReadAllAsync(stoppingToken);
            RemoveExpired();
            SyncedAt = clock.GetUtcNow();
            return true;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or InvalidOperationException)
        {
            logger.LogWarning("Revocation list not read from Redis ({Reason}); {Count} known revocations still apply, new ones arrive once Redis is back.", exception.Message, _entries.Count);
            return false;
        }
    }

    private async Task ReadAllAsync(CancellationToken stoppingToken)
    {
        var server = redis.GetServers().FirstOrDefault(s => s.IsConnected && !s.IsReplica)
            ?? throw new InvalidOperationException("No connected Redis primary.");
        var database = redis.GetDatabase();
        var batch = new List<RedisKey>(500);
        await foreach (var key in server.KeysAsync(database.Database, RevocationStore.KeyPrefix + "*", pageSize: 500).WithCancellation(stoppingToken))
        {
            batch.Add(key);
            if (batch.Count == 500)
            {
                await ReadAsync(database, batch);
                batch.Clear();
            }
        }

        await ReadAsync(database, batch);
    }

    private async Task ReadAsync(IDatabase database, List<RedisKey> keys)
    {
        if (keys.Count == 0)
        {
            return;
        }

        var values = await database.StringGetAsync([.. keys]);
        for (var i = 0; i < keys.Count; i++)
        {
            if (RevocationStore.TryParse(values[i], out var entry))
            {
                Apply(keys[i].ToString()[RevocationStore.KeyPrefix.Length..], entry);
            }
        }
    }

    private void OnAnnouncement(RedisValue message)
    {
        if (RevocationStore.TryParseAnnouncement(message, out var subject, out var entry))
        {
            Apply(subject, entry);
            logger.LogInformation("Sessions of {Subject} revoked at {RevokedAt}.", subject, entry.RevokedAt);
        }
    }

    private void RemoveExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var (subject, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.TryRemove(new KeyValuePair<string, RevocationEntry>(subject, entry));
            }
        }
    }

    private sealed class Watcher(string fingerprint) : IDisposable
    {
        private readonly CancellationTokenSource _revoked = new();

        public string Fingerprint { get; } = fingerprint;

        public CancellationToken Token => _revoked.Token;

        public void Revoke()
        {
            try
            {
                _revoked.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The stream ended while the revocation arrived: nothing left to stop.
            }
        }

        public void Dispose() => _revoked.Dispose();
    }
}

/// <summary>One watched session (<see cref="RevocationList.Watch"/>); dispose it when the response it guards ends.</summary>
public sealed class RevocationWatch(CancellationToken revoked, Action? release = null) : IDisposable
{
    public CancellationToken Revoked { get; } = revoked;

    public void Dispose() => release?.Invoke();
}
