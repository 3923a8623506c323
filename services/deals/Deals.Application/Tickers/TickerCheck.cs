namespace Deals.Application.Tickers;

/// <summary>
/// Marketdata's answer about one ticker, shared by every deal that names it. Kept beside the deals, not
/// in their rows: the background verifier changes it without touching a deal's version or history.
/// </summary>
public sealed class TickerCheck
{
    private TickerCheck()
    {
    }

    public string Ticker { get; private set; } = null!;
    public TickerStatus Status { get; private set; }
    public DateTimeOffset CheckedAt { get; private set; }

    /// <summary>When the verifier asks again; only for <see cref="TickerStatus.Unverified"/>.</summary>
    public DateTimeOffset? NextCheckAt { get; private set; }

    /// <summary>Failed attempts in a row; the delay before the next one doubles with each.</summary>
    public int Attempts { get; private set; }

    public void Record(TickerLookup answer, DateTimeOffset now, TimeSpan firstRetry, TimeSpan maxRetry)
    {
        CheckedAt = now;
        if (answer == TickerLookup.Unavailable)
        {
            Attempts++;
            var delay = TimeSpan.FromTicks((long)Math.Min(firstRetry.Ticks * Math.Pow(2, Math.Min(Attempts - 1, 30)), maxRetry.Ticks));
            Status = TickerStatus.Unverified;
            NextCheckAt = now + delay;
            return;
        }

        Status = answer == TickerLookup.Known ? TickerStatus.Verified : TickerStatus.Unknown;
        NextCheckAt = null;
        Attempts = 0;
    }
}
