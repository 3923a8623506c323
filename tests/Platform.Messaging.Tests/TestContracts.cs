using Platform.Contracts;

namespace Platform.Messaging.Tests.Contracts;

/// <summary>How the test consumer should treat a message.</summary>
public enum Behaviour
{
    Apply,
    FailPermanently,
    FailTwiceThenApply,
}

/// <summary>A test-only integration event: <see cref="Index"/> is its position among its aggregate's events.</summary>
public sealed record SomethingHappened(Guid EventId, DateTimeOffset OccurredAt, Guid AggregateId, int Index, Behaviour Behaviour = Behaviour.Apply)
    : IIntegrationEvent
{
    public static SomethingHappened New(Guid aggregateId, int index = 0, Behaviour behaviour = Behaviour.Apply) =>
        new(Guid.CreateVersion7(), DateTimeOffset.UtcNow, aggregateId, index, behaviour);
}
