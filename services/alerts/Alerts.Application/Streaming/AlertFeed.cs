using System.Collections.Concurrent;
using System.Threading.Channels;

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

    /// <summary>One open stream. Wake-ups coalesce: many while the stream is busy make one.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly AlertFeed _feed;
        private readonly Channel<bool> _wakeUps = System.Threading.Channels.Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

        internal Subscription(AlertFeed feed, Guid userId)
        {
            _feed = feed;
            UserId = userId;
        }

        public Guid UserId { get; }

        internal void Wake() => _wakeUps.Writer.TryWrite(true);

        /// <summary>Waits for a wake-up or <paramref name="timeout"/>; returns whether it was woken.</summary>
        public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (_wakeUps.Reader.TryRead(out _))
            {
                return true;
            }

            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timer.CancelAfter(timeout);
            try
            {
                await _wakeUps.Reader.WaitToReadAsync(timer.Token);
                return _wakeUps.Reader.TryRead(out _);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        public void Dispose() => _feed.Remove(this);
    }
}
