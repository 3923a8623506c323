using Platform.SharedKernel;

namespace Platform.Messaging.Outbox;

/// <summary>Rung when a transaction that wrote outbox rows commits; the relay waits on it between polls.</summary>
internal sealed class OutboxSignal : Doorbell;
