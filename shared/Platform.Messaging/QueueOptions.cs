using System.ComponentModel.DataAnnotations;
using MassTransit;

namespace Platform.Messaging;

/// <summary>The kind of RabbitMQ queue every receive endpoint of a service declares.</summary>
public enum QueueType
{
    /// <summary>RabbitMQ's classic queue: on one node, lost with that node's disk.</summary>
    Classic,

    /// <summary>A Raft-replicated queue (RabbitMQ 3.8 or newer): survives the loss of a minority of a cluster's nodes.</summary>
    Quorum,
}

/// <summary>Queue settings, section <c>Messaging</c> (<c>Messaging:QueueType</c>, <c>Messaging:QuorumDeliveryLimit</c>). See docs/messaging.md.</summary>
public sealed class QueueOptions
{
    public const string Section = "Messaging";

    private const string DeliveryLimitArgument = "x-delivery-limit";
    private const string DeadLetterExchangeArgument = "x-dead-letter-exchange";

    public QueueType QueueType { get; set; } = QueueType.Classic;

    /// <summary>
    /// Quorum queues only: deliveries of one message (redeliveries after a consumer's connection died
    /// with it unacknowledged) before the broker dead-letters it into the endpoint's <c>_error</c>
    /// queue. Retries inside the consumer do not count; only a message that keeps killing its consumer
    /// reaches this, and without a limit it would be redelivered forever.
    /// </summary>
    [Range(1, 1000)]
    public int QuorumDeliveryLimit { get; set; } = 20;

    /// <summary>Makes a receive endpoint the configured kind of queue; classic leaves MassTransit's defaults untouched.</summary>
    internal void Apply(string queueName, IReceiveEndpointConfigurator endpoint)
    {
        if (QueueType != QueueType.Quorum || endpoint is not IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            return;
        }

        // Quorum queues must be durable, non-exclusive and never auto-deleted: SetQuorumQueue sets
        // durable and not auto-delete, and ConfigureEndpoints never makes exclusive queues.
        rabbit.SetQuorumQueue();
        rabbit.SetQueueArgument(DeliveryLimitArgument, QuorumDeliveryLimit);
        // Past the limit the broker dead-letters into the exchange MassTransit moves failed messages
        // through, declared with its queue at start-up (a missing exchange would drop the message).
        // MassTransit declares "<queue>_error" with a copy of the input queue's arguments when it first
        // moves a message there, so the queue is declared here with exactly those, or that would fail.
        var error = queueName + "_error";
        rabbit.BindDeadLetterQueue(error, error, queue =>
        {
            queue.SetQuorumQueue();
            queue.SetQueueArgument(DeliveryLimitArgument, QuorumDeliveryLimit);
            queue.SetQueueArgument(DeadLetterExchangeArgument, error);
        });
    }
}
