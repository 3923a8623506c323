using System.Text;
using Microsoft.Extensions.Configuration;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.Messaging.FailedMessages;

/// <summary>The receive queues of this service, recorded as MassTransit configures them.</summary>
internal sealed class ServiceQueues
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public void Add(string queue)
    {
        lock (_names)
        {
            _names.Add(queue);
        }
    }

    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_names)
            {
                return _names.Order(StringComparer.Ordinal).ToList();
            }
        }
    }
}

/// <summary>A message MassTransit moved to a <c>_error</c> queue after its last retry, as an admin sees it.</summary>
public sealed record FailedMessage(
    Guid? MessageId, string Queue, string? MessageType, string? ExceptionType, string? ExceptionMessage, DateTimeOffset? FailedAt, int? Retries, string Body);

/// <summary>
/// Reads and replays the service's <c>_error</c> queues over AMQP. Listing fetches without
/// acknowledging, so every message goes back to its queue when the channel closes; replay publishes
/// the original message to its input queue with a broker confirm, and only then removes it from the
/// error queue, so a crash in between duplicates (which the inbox absorbs) but never loses it.
/// </summary>
internal sealed class ErrorQueues(ServiceQueues queues, IConfiguration configuration)
{
    public async Task<IReadOnlyList<FailedMessage>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var failed = new List<FailedMessage>();
        foreach (var queue in queues.Names)
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            while (failed.Count < limit && await GetAsync(channel, queue + "_error", cancellationToken) is { } message)
            {
                failed.Add(Describe(queue, message));
            }

            // Disposing the channel returns every fetched, unacknowledged message to its queue, in order.
        }

        return failed;
    }

    /// <summary>Replays one message (by id) or, with null, every failed message. Returns how many were replayed.</summary>
    public async Task<int> ReplayAsync(Guid? messageId, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var replayed = 0;
        foreach (var queue in queues.Names)
        {
            await using var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            var seen = 0L;
            var count = await CountAsync(channel, queue + "_error", cancellationToken);
            while (seen++ < count && await GetAsync(channel, queue + "_error", cancellationToken) is { } message)
            {
                if (messageId is not null && ParseId(message.BasicProperties.MessageId) != messageId)
                {
                    continue;
                }

                var properties = new BasicProperties(message.BasicProperties)
                {
                    Headers = message.BasicProperties.Headers?
                        .Where(h => !h.Key.StartsWith("MT-Fault", StringComparison.Ordinal) && h.Key != "MT-Reason")
                        .ToDictionary(h => h.Key, h => h.Value),
                };
                // Awaiting the publish awaits the broker's confirm (confirm tracking is on).
                await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, message.Body, cancellationToken);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
                replayed++;
                if (messageId is not null)
                {
                    break;
                }
            }

            if (messageId is not null && replayed > 0)
            {
                break;
            }
        }

        return replayed;
    }

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var uri = new Uri(configuration.GetConnectionString("RabbitMq")
            ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not configured."));
        var factory = new ConnectionFactory { Uri = uri, ClientProvidedName = "failed-messages-admin" };
        return await factory.CreateConnectionAsync(cancellationToken);
    }

    private static async Task<BasicGetResult?> GetAsync(IChannel channel, string queue, CancellationToken cancellationToken)
    {
        try
        {
            return await channel.BasicGetAsync(queue, autoAck: false, cancellationToken);
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
        {
            // No message ever failed on this queue, so MassTransit has not created its error queue.
            return null;
        }
    }

    private static async Task<uint> CountAsync(IChannel channel, string queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

    private static FailedMessage Describe(string queue, BasicGetResult message)
    {
        var headers = message.BasicProperties.Headers;
        string? Header(string name) => headers is not null && headers.TryGetValue(name, out var value)
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), null => null, _ => value.ToString() }
            : null;

        return new FailedMessage(
            ParseId(message.BasicProperties.MessageId),
            queue,
            message.BasicProperties.Type ?? Header("MT-MessageType"),
            Header("MT-Fault-ExceptionType"),
            Header("MT-Fault-Message"),
            DateTimeOffset.TryParse(Header("MT-Fault-Timestamp"), out var at) ? at : null,
            int.TryParse(Header("MT-Fault-RetryCount"), out var retries) ? retries : null,
            Encoding.UTF8.GetString(message.Body.Span));
    }

    private static Guid? ParseId(string? value) => Guid.TryParse(value, out var id) ? id : null;
}
