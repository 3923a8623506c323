namespace Platform.Contracts;

/// <summary>
/// An event one service publishes for others. Contracts only grow: add optional members, never
/// rename or remove. <see cref="EventId"/> makes consumers idempotent.
/// </summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }

    DateTimeOffset OccurredAt { get; }
}
