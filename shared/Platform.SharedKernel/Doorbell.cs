using System.Threading.Channels;

namespace Platform.SharedKernel;

/// <summary>
/// Wakes one waiter that polls anyway: rings while it is busy coalesce into one, and a ring carries
/// no data, so a lost or merged ring costs latency (the waiter's next poll), never work.
/// </summary>
public class Doorbell
{
    private readonly Channel<bool> _rings = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Ring() => _rings.Writer.TryWrite(true);

    /// <summary>Waits for a ring or <paramref name="timeout"/>, whichever is first; returns whether it rang.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_rings.Reader.TryRead(out _))
        {
            return true;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _rings.Reader.WaitToReadAsync(timer.Token);
            return _rings.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
