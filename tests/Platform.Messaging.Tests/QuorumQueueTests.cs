using System.Text;
using Platform.Messaging.Tests.Contracts;
using Platform.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.Messaging.Tests;

/// <summary>
/// <c>Messaging:QueueType=quorum</c> on the real broker: every receive endpoint is declared as a
/// quorum queue, replicas compete for it, a failed message still reaches <c>_error</c>, a message past
/// the delivery limit is dead-lettered there rather than dropped, and an existing classic queue of the
/// same name is refused by the broker (hence the migration in docs/messaging.md).
/// </summary>
[NonParallelizable]
public sealed class QuorumQueueTests
{
    private const int DeliveryLimit = 3;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly Dictionary<string, string?> Quorum = new()
    {
        ["Messaging:QueueType"] = "quorum",
        ["Messaging:QuorumDeliveryLimit"] = DeliveryLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private readonly string _service = $"msgquorum-{Guid.NewGuid():N}"[..18];
    private readonly List<MessagingHost> _hosts = [];
    private IConnection _connection = null!;

    private string Queue => $"{_service}-recording";

    [SetUp]
    public async Task ConnectAsync() =>
        _connection = await new ConnectionFactory { Uri = new Uri(TestEnvironment.RabbitMqConnectionString) }.CreateConnectionAsync();

    [TearDown]
    public async Task StopAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        _hosts.Clear();
        await MessagingHost.DeleteQueuesAsync(_service);
        await _connection.DisposeAsync();
    }

    [Test]
    public async Task QuorumSetting_DeclaresQuorumQueues_WhichTwoReplicasShare()
    {
        var first = await HostAsync();
        var second = await HostAsync();
        var events = Enumerable.Range(0, 40).Select(i => SomethingHappened.New(Guid.NewGuid(), i)).ToArray();
        await first.CommitAsync(events);

        var ids = events.Select(e => e.EventId).ToList();
        await WaitUntilAsync(async () => (await first.EffectsAsync(ids)).Count == ids.Count);
        Assert.That((await first.EffectsAsync(ids)).Select(e => e.MessageId), Is.EquivalentTo(ids), "each event applied exactly once");
        Assert.That(first.Deliveries.MessageIds.Count + second.Deliveries.MessageIds.Count, Is.EqualTo(ids.Count), "each message delivered to one replica");
        Assert.That(await QueueTypeAsync(Queue), Is.EqualTo("quorum"));
    }

    [Test]
    public async Task FailedMessage_OnAQuorumQueue_ReachesItsErrorQueue()
    {
        var host = await HostAsync();
        await host.CommitAsync(SomethingHappened.New(Guid.NewGuid(), behaviour: Behaviour.FailPermanently));

        // The error queue was declared at start-up with the arguments MassTransit copies from the
        // input queue: its move there must not be refused as an inequivalent redeclaration.
        await WaitUntilAsync(async () => await MessageCountAsync(Queue + "_error") == 1);
        Assert.That(await QueueTypeAsync(Queue + "_error"), Is.EqualTo("quorum"));
    }

    [Test]
    public async Task MessageRedeliveredPastTheLimit_IsDeadLetteredIntoTheErrorQueue()
    {
        // Declares the queues, then leaves them without a consumer.
        await (await HostAsync()).DisposeAsync();
        _hosts.Clear();

        await using var channel = await _connection.CreateChannelAsync();
        await channel.BasicPublishAsync(string.Empty, Queue, mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("{}"));
        // Unconfirmed publishes reach a quorum queue once its log has committed them.
        await WaitUntilAsync(async () => await MessageCountAsync(Queue) == 1);
        // A consumer that dies with the message unacknowledged returns it to the queue: requeue it until the broker stops offering it.
        var deliveries = 0;
        while (await channel.BasicGetAsync(Queue, autoAck: false) is { } message)
        {
            deliveries++;
            await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true);
            Assert.That(deliveries, Is.LessThanOrEqualTo(DeliveryLimit + 1), "the delivery limit did not apply");
        }

        Assert.That(deliveries, Is.EqualTo(DeliveryLimit + 1), "delivered once, then redelivered up to the limit");
        await WaitUntilAsync(async () => await MessageCountAsync(Queue + "_error") == 1);
    }

    [Test]
    public async Task QuorumDeclaration_OfAnExistingClassicQueue_IsRefusedByTheBroker()
    {
        await using (var channel = await _connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false);
        }

        Assert.That(await QueueTypeAsync(Queue), Is.EqualTo("classic"));
    }

    private async Task<MessagingHost> HostAsync()
    {
        var host = await MessagingHost.StartAsync(_service, settings: Quorum);
        _hosts.Add(host);
        return host;
    }

    /// <summary>
    /// The queue's type as the broker holds it, over AMQP alone (no management plugin): declaring it
    /// as a quorum queue succeeds only if it is one; a classic queue refuses with PRECONDITION_FAILED.
    /// </summary>
    private async Task<string> QueueTypeAsync(string queue)
    {
        await using var channel = await _connection.CreateChannelAsync();
        try
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?>
            {
                ["x-queue-type"] = "quorum",
                ["x-delivery-limit"] = DeliveryLimit,
                ["x-dead-letter-exchange"] = _service + "-recording_error",
            }, passive: false);
            return "quorum";
        }
        catch (OperationInterruptedException refused) when (refused.ShutdownReason?.ReplyCode == 406)
        {
            Assert.That(refused.ShutdownReason.ReplyText, Does.Contain("inequivalent arg"));
            return "classic";
        }
    }

    private async Task<uint> MessageCountAsync(string queue)
    {
        await using var channel = await _connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "timed out");
            await Task.Delay(100);
        }
    }
}
