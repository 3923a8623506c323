using Platform.Testing;
using RabbitMQ.Client;

namespace Alerts.Tests.Api;

/// <summary>
/// Removes a test's deliberately broken message from an error queue, so the shared test vhost does
/// not collect one more per run; every other message goes back untouched.
/// </summary>
internal static class ErrorQueue
{
    public static async Task RemoveAsync(string queue, Guid messageId)
    {
        var factory = new ConnectionFactory { Uri = new Uri(TestEnvironment.RabbitMqConnectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var count = (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        for (var i = 0; i < count && await channel.BasicGetAsync(queue, autoAck: false) is { } message; i++)
        {
            if (Guid.TryParse(message.BasicProperties.MessageId, out var id) && id == messageId)
            {
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false);
            }
        }

        // Closing the channel returns the unacknowledged others to the queue.
    }
}
