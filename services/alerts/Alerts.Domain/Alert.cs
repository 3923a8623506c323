using Platform.SharedKernel;

namespace Alerts.Domain;

/// <summary>
/// A notice for one person about something that happened. <see cref="Sequence"/> orders a person's
/// alerts as they were committed and is the Server-Sent Events id a client resumes from.
/// </summary>
public sealed class Alert : AggregateRoot
{
    public const int TitleMaxLength = 200;
    public const int MessageMaxLength = 2_000;
    public const int SubjectTypeMaxLength = 30;
    public const int SubjectIdMaxLength = 100;

    private Alert()
    {
    }

    public long Sequence { get; private set; }
    public Guid RecipientId { get; private set; }
    public AlertSeverity Severity { get; private set; }
    public AlertCategory Category { get; private set; }
    public string Title { get; private set; } = null!;
    public string Message { get; private set; } = null!;
    public string SubjectType { get; private set; } = null!;
    public string SubjectId { get; private set; } = null!;
    public DateTimeOffset? ReadAt { get; private set; }
    public DateTimeOffset? DismissedAt { get; private set; }

    /// <summary>The event that caused the alert; with the recipient, unique, so one event never alerts a person twice.</summary>
    public Guid SourceEventId { get; private set; }

    public static Alert Create(
        Guid recipientId, AlertSeverity severity, AlertCategory category, string title, string message,
        AlertSubject subject, Guid sourceEventId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        RecipientId = recipientId,
        Severity = severity,
        Category = category,
        Title = Truncate(title, TitleMaxLength),
        Message = Truncate(message, MessageMaxLength),
        SubjectType = subject.Type,
        SubjectId = subject.Id,
        SourceEventId = sourceEventId,
    };

    /// <summary>Idempotent: the first read time stays.</summary>
    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;

    /// <summary>Idempotent: the first dismissal time stays.</summary>
    public void Dismiss(DateTimeOffset now) => DismissedAt ??= now;

    // Event content comes from other services; an over-long name must not make the alert impossible.
    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}

/// <summary>What an alert is about, for a link in the client: e.g. ("deal", its id) or ("ticker", "AAPL").</summary>
public sealed record AlertSubject(string Type, string Id)
{
    public static AlertSubject Deal(Guid dealId) => new("deal", dealId.ToString());

    public static AlertSubject Ticker(string ticker) => new("ticker", ticker);

    public static AlertSubject Portfolio(Guid portfolioId) => new("portfolio", portfolioId.ToString());

    /// <summary>A loan booking (<c>/api/v1/loan-bookings/{id}</c>); its documents' alerts link to the booking too.</summary>
    public static AlertSubject LoanBooking(Guid bookingId) => new("loanBooking", bookingId.ToString());

    /// <summary>A tracked job of some service; the alert says which service, so an admin knows where to look it up.</summary>
    public static AlertSubject Job(Guid jobId) => new("job", jobId.ToString());
}
