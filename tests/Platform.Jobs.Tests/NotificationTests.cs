using Microsoft.Extensions.DependencyInjection;

namespace Platform.Jobs.Tests;

/// <summary>Replicas whose workers poll only every ten minutes: a job starts at once only if the commit's notification wakes them.</summary>
public sealed class NotificationTests
{
    private JobsHost _first = null!;
    private JobsHost _second = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _first = await JobsHost.StartAsync(JobsFixture.Key, JobsFixture.JwksUri, pollInterval: "00:10:00");
        _second = await JobsHost.StartAsync(JobsFixture.Key, JobsFixture.JwksUri, pollInterval: "00:10:00");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Test]
    public async Task Enqueue_InATransaction_WakesAWorkerWhenItCommits()
    {
        // Give the listeners time to connect; the first pass after connecting finds nothing.
        await Task.Delay(1000);
        await using var scope = _first.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDb>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Inside a transaction the enqueuing replica does not ring its own worker: only the NOTIFY, delivered on commit, can.
        var result = await scope.ServiceProvider.GetRequiredService<IJobs>().EnqueueAsync(JobsHost.TestJob, new TestJobParams { Items = 1 }, BusinessDates.Next(), "test");
        await Task.Delay(500);
        Assert.That((await Eventually.ReadJobAsync(result.Value)), Is.Null, "not visible before commit");
        await transaction.CommitAsync();

        await Eventually.JobAsync(result.Value, JobStatus.Succeeded, TimeSpan.FromSeconds(10));
    }
}
