using Platform.Contracts;
using Platform.SharedKernel;

namespace Platform.Messaging.Outbox;

/// <summary>
/// A service's one declaration of which domain events leave it as which integration events. Every
/// domain event its aggregates raise must be declared here, published or kept internal: an
/// undeclared one fails the SaveChanges that would have dropped it (and the architecture tests check
/// every domain event type against the map), so an event is never lost by forgetting a line.
/// </summary>
public abstract class IntegrationEventMap
{
    private readonly Dictionary<Type, Func<IHasDomainEvents, IDomainEvent, IIntegrationEvent?>> _routes = [];

    /// <summary>The domain event types this map declares, published or internal.</summary>
    public IReadOnlyCollection<Type> DeclaredEvents => _routes.Keys;

    /// <summary><typeparamref name="TEvent"/>, raised by <typeparamref name="TAggregate"/>, is published as what <paramref name="map"/> returns.</summary>
    protected void Publish<TAggregate, TEvent>(Func<TAggregate, TEvent, IIntegrationEvent> map)
        where TAggregate : IHasDomainEvents
        where TEvent : IDomainEvent =>
        _routes.Add(typeof(TEvent), (aggregate, domainEvent) => map((TAggregate)aggregate, (TEvent)domainEvent));

    /// <summary><typeparamref name="TEvent"/> matters only inside the service; declared so its absence is a decision, not an oversight.</summary>
    protected void KeepInternal<TEvent>()
        where TEvent : IDomainEvent =>
        _routes.Add(typeof(TEvent), static (_, _) => null);

    internal IIntegrationEvent? Map(IHasDomainEvents aggregate, IDomainEvent domainEvent) =>
        _routes.TryGetValue(domainEvent.GetType(), out var route)
            ? route(aggregate, domainEvent)
            : throw new InvalidOperationException(
                $"{aggregate.GetType().Name} raised {domainEvent.GetType().Name}, which {GetType().Name} does not declare. "
                + "Declare it with Publish or KeepInternal: an undeclared event would be dropped.");
}
