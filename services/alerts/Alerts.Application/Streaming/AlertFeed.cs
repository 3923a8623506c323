using System.Collections.Concurrent;
using Platform.SharedKernel;

namespace Alerts.Application.Streaming;

/// <summary>
/// Wakes the open streams of a user when alerts for them were committed (on this replica or any
/// other: the database's NOTIFY reaches all). A wake-up carries no data: the stream reads what is
/// new itself, so a lost or merged wake-up costs latency, never an alert.
/// </summary>
public sealed class AlertFeed
{
    /// <summary>The PostgreSQL channel a consumer notifies, with the recipient's id as payload, for each recipient of new alerts.</summary>
    public const string Channel = "alerts_created";

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Subscription, byte>> _streams = new();

    public Subscription Subscribe(Guid userId)
    {
        var subscription = new Subscription(this, userId);
        _streams.GetOrAdd(userId, _ => new ConcurrentDictionary<Subscription, byte>()).TryAdd(subscription, 0);
        return subscription;
    }

    public void Notify(Guid userId)
    {
        if (_streams.TryGetValue(userId, out var subscriptions))
        {
            foreach (var subscription in subscriptions.Keys)
            {
                subscription.Wake();
            }
        }
    }

    /// <summary>Wakes every stream: for when notifications may have been missed (the listener reconnected).</summary>
    public void NotifyAll()
    {
        foreach (var subscriptions in _streams.Values)
        {
            foreach (var subscription in subscriptions.Keys)
            {
                subscription.Wake();
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        if (_streams.TryGetValue(subscription.UserId, out var subscriptions))
        {
            subscriptions.TryRemove(subscription, out _);
            // Drop the user's entry once empty; a subscriber racing in re-creates it through GetOrAdd.
            if (subscriptions.IsEmpty)
            {
                _streams.TryRemove(new KeyValuePair<Guid, ConcurrentDictionary<Subscription, byte>>(subscription.UserId, subscriptions));
            }
        }
    }

    /// <summary>One open stream: a doorbell its user's new alerts ring.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly AlertFeed _feed;
        private readonly Doorbell _wakeUps = new();

        internal Subscription(AlertFeed feed, Guid userId)
        {
            _feed = feed;
            UserId = userId;
        }

        public Guid UserId { get; }

        internal void Wake() => _wakeUps.Ring();

        /// <summary>Waits for a wake-up or <paramref name="timeout"/>; returns whether it was woken.</summary>
        public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wakeUps.WaitAsync(timeout, cancellationToken);

        public void Dispose() => _feed.Remove(this);
    }
}
