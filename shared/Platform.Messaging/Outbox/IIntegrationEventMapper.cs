using Platform.Contracts;
using Platform.SharedKernel;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Turns a service's domain events into the integration events it publishes. Domain events that
/// other services need not know about map to null.
/// </summary>
public interface IIntegrationEventMapper
{
    IIntegrationEvent? Map(AggregateRoot aggregate, IDomainEvent domainEvent);
}
