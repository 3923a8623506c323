using System.Security.Cryptography;
using Platform.SharedKernel;

namespace Alerts.Domain;

/// <summary>What an observation did to a rule.</summary>
public enum RuleOutcome
{
    /// <summary>Not newer than the last observation: out of order or a repeat, so it changes nothing.</summary>
    Stale,

    /// <summary>The condition became true while armed: alert the owner once.</summary>
    Fired,

    /// <summary>Nothing to tell: the condition still holds after firing, or still does not hold.</summary>
    Quiet,

    /// <summary>The condition cleared after firing: the next crossing fires again.</summary>
    Rearmed,
}

/// <summary>
/// A user's threshold on a price or on a portfolio's value at risk. It fires when its condition
/// becomes true, then stays quiet (disarmed) until the condition clears, so a price hovering above
/// the threshold alerts once, not on every quote.
/// </summary>
public sealed class AlertRule : AggregateRoot
{
    public const int MaxRulesPerOwner = 100;
    public const int TickerMaxLength = 12;

    private AlertRule()
    {
    }

    public Guid OwnerId { get; private set; }
    public RuleKind Kind { get; private set; }
    public string? Ticker { get; private set; }
    public Guid? PortfolioId { get; private set; }
    public decimal Threshold { get; private set; }
    public bool Armed { get; private set; }
    public decimal? LastValue { get; private set; }
    public DateTimeOffset? LastObservedAt { get; private set; }
    public DateTimeOffset? LastTriggeredAt { get; private set; }

    public static bool IsPriceKind(RuleKind kind) => kind is RuleKind.PriceAbove or RuleKind.PriceBelow;

    /// <summary>Upper-case letters, digits, '.' and '-', 1 to 12 characters, starting with a letter or digit.</summary>
    public static bool IsTicker(string? ticker) =>
        ticker is { Length: > 0 and <= TickerMaxLength } &&
        (char.IsAsciiLetterUpper(ticker[0]) || char.IsAsciiDigit(ticker[0])) &&
        ticker.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '.' or '-');

    public static AlertRule PriceRule(Guid ownerId, RuleKind kind, string ticker, decimal threshold, DateTimeOffset now)
    {
        if (!IsPriceKind(kind) || !IsTicker(ticker) || threshold <= 0)
        {
            throw new ArgumentException("A price rule needs a price kind, a valid ticker and a positive threshold.");
        }

        return new AlertRule { Id = Guid.CreateVersion7(now), OwnerId = ownerId, Kind = kind, Ticker = ticker, Threshold = threshold, Armed = true };
    }

    public static AlertRule VarRule(Guid ownerId, Guid portfolioId, decimal threshold, DateTimeOffset now)
    {
        if (portfolioId == Guid.Empty || threshold <= 0)
        {
            throw new ArgumentException("A VaR rule needs a portfolio and a positive threshold.");
        }

        return new AlertRule { Id = Guid.CreateVersion7(now), OwnerId = ownerId, Kind = RuleKind.VarAbove, PortfolioId = portfolioId, Threshold = threshold, Armed = true };
    }

    public bool IsMetBy(decimal value) => Kind switch
    {
        RuleKind.PriceAbove or RuleKind.VarAbove => value > Threshold,
        RuleKind.PriceBelow => value < Threshold,
        _ => false,
    };

    /// <summary>Applies a value observed at <paramref name="asOf"/>; the caller alerts the owner on <see cref="RuleOutcome.Fired"/>.</summary>
    public RuleOutcome Observe(decimal value, DateTimeOffset asOf, DateTimeOffset now)
    {
        if (LastObservedAt is { } last && asOf <= last)
        {
            return RuleOutcome.Stale;
        }

        LastValue = value;
        LastObservedAt = asOf;
        var met = IsMetBy(value);
        if (met && Armed)
        {
            Armed = false;
            LastTriggeredAt = now;
            return RuleOutcome.Fired;
        }

        if (!met && !Armed)
        {
            Armed = true;
            return RuleOutcome.Rearmed;
        }

        return RuleOutcome.Quiet;
    }

    /// <summary>
    /// The source id of the alert this rule raises for an event: the same for a redelivery or a
    /// replay, different per rule, so a rule fires at most once per event.
    /// </summary>
    public Guid AlertSourceFor(Guid eventId)
    {
        Span<byte> input = stackalloc byte[32];
        eventId.TryWriteBytes(input[..16]);
        Id.TryWriteBytes(input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        // RFC 9562 version 8 (custom) with the RFC variant, so it never collides with a v4 or v7 id.
        hash[7] = (byte)((hash[7] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16]);
    }
}
