namespace Platform.Messaging.Outbox;

/// <summary>The map of a service whose aggregates raise no domain events (it may still write outbox rows directly).</summary>
public sealed class NoIntegrationEvents : IntegrationEventMap;
