using System.Diagnostics;
using Platform.Messaging.Tests.Contracts;

namespace Platform.Messaging.Tests;

/// <summary>
/// The real broker stopped and started again (deploy/local/broker.sh). It stops RabbitMQ for every
/// test assembly, so <c>make test</c> runs this category on its own, after everything else, and
/// only when the broker is the local node it started; elsewhere it is skipped.
/// </summary>
[Category(Category)]
[NonParallelizable]
public sealed class BrokerRestartTests
{
    public const string Category = "BrokerRestart";

    private readonly string _service = $"msgrestart-{Guid.NewGuid():N}"[..18];

    [Test]
    public async Task Commit_WhileRabbitMqIsStopped_IsDeliveredOnceAfterItStartsAgain()
    {
        if (Environment.GetEnvironmentVariable("PLATFORM_BROKER_CONTROL") is not { Length: > 0 } control)
        {
            Assert.Ignore("Needs the local broker started by deploy/local/up.sh; make test runs it last (PLATFORM_BROKER_CONTROL).");
            return;
        }

        var host = await MessagingHost.StartAsync(_service);
        try
        {
            await BrokerAsync(control, "stop");
            var events = Enumerable.Range(0, 50).Select(i => SomethingHappened.New(Guid.NewGuid(), i)).ToArray();
            try
            {
                // Requests keep succeeding while the broker is down: the events wait in the outbox.
                foreach (var chunk in events.Chunk(10))
                {
                    await host.CommitAsync(chunk);
                }

                await Task.Delay(TimeSpan.FromSeconds(3));
                var waiting = await host.OutboxRowsAsync(events.Select(e => e.EventId));
                Assert.That(waiting, Has.Count.EqualTo(50));
                Assert.That(waiting.All(r => r.PublishedAt is null), Is.True, "nothing can be published while RabbitMQ is stopped");
            }
            finally
            {
                await BrokerAsync(control, "start");
            }

            var clock = Stopwatch.StartNew();
            var ids = events.Select(e => e.EventId).ToList();
            List<Effect> effects = [];
            while ((effects = await host.EffectsAsync(ids)).Count < ids.Count && clock.Elapsed < TimeSpan.FromSeconds(90))
            {
                await Task.Delay(100);
            }

            TestContext.Out.WriteLine($"delivered {effects.Count} of {ids.Count} within {clock.Elapsed.TotalSeconds:F1} s of the broker's start");
            Assert.That(effects.Select(e => e.MessageId), Is.EquivalentTo(ids), "every committed event applied exactly once");
            Assert.That((await host.OutboxRowsAsync(ids)).All(r => r.PublishedAt is not null), Is.True);
        }
        finally
        {
            await host.DisposeAsync();
            await MessagingHost.DeleteQueuesAsync(_service);
        }
    }

    private static async Task BrokerAsync(string control, string action)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [control, action]) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, $"broker.sh {action}: {error}");
    }
}
