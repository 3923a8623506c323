using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;

namespace Platform.Messaging.Outbox;

public static class OutboxWriter
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Queues an integration event in this context's outbox: it is written by the next SaveChanges,
    /// in its transaction, and published after commit. Events about one aggregate are published in
    /// the order they were written.
    /// </summary>
    public static void AddIntegrationEvent(this DbContext db, IIntegrationEvent integrationEvent, Guid? aggregateId = null) =>
        db.Set<OutboxMessage>().Add(Row(integrationEvent, aggregateId ?? integrationEvent.EventId));

    /// <summary>The row for an event; the outbox interceptor stamps its creation time and sequence when it is saved.</summary>
    internal static OutboxMessage Row(IIntegrationEvent integrationEvent, Guid aggregateId)
    {
        var activity = Activity.Current;
        return new OutboxMessage
        {
            Id = integrationEvent.EventId,
            AggregateId = aggregateId,
            MessageType = integrationEvent.GetType().FullName!,
            Payload = JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), Json),
            TraceParent = activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null,
            TraceState = activity?.TraceStateString,
            OccurredAt = integrationEvent.OccurredAt,
        };
    }
}
