using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Jobs;
using Platform.Messaging.Outbox;

namespace Platform.Jobs.Tests;

public sealed class JobRunTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private JobsHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await JobsHost.StartAsync(JobsFixture.Key, JobsFixture.JwksUri);

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task Enqueue_WhenTheHandlerSucceeds_RecordsSucceededWithProgressAndTheFirstItemErrors()
    {
        var id = await _host.EnqueueAsync(JobsHost.TestJob, new TestJobParams
        {
            Items = 10,
            FailingItems = ["item-1", "item-4", "item-6", "item-9"],
        }, BusinessDates.Next());

        var job = await Eventually.JobAsync(id, JobStatus.Succeeded);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(job.ItemsDone, Is.EqualTo(10));
            Assert.That(job.ItemsTotal, Is.EqualTo(10));
            Assert.That(job.ItemErrorCount, Is.EqualTo(4), "every item error is counted");
            Assert.That(job.ItemErrors.Select(e => e.ItemKey), Is.EqualTo(new[] { "item-1", "item-4", "item-6" }), "only the first MaxItemErrors (3) are kept");
            Assert.That(job.ItemErrors[0].Message, Is.EqualTo("item-1 has no price"));
            Assert.That(job.StartedAt, Is.Not.Null);
            Assert.That(job.FinishedAt, Is.GreaterThanOrEqualTo(job.StartedAt!.Value));
            Assert.That(job.Attempts, Is.EqualTo(1));
            Assert.That(job.LeaseOwner, Is.Null);
            Assert.That(job.LastError, Is.Null);
            Assert.That(job.RequestedBy, Is.EqualTo("test"));
        }
    }

    [Test]
    public async Task Running_WhileTheHandlerWorks_ProgressIsWrittenBeforeTheEnd()
    {
        var gate = Guid.NewGuid().ToString();
        var id = await _host.EnqueueAsync(JobsHost.TestJob, new TestJobParams { Items = 5, PauseAfter = 2, Gate = gate });

        var running = await Eventually.WaitAsync(() => Eventually.ReadJobAsync(id), job => job is { Status: JobStatus.Running, ItemsDone: 2 }, "progress 2 of 5");
        Assert.That(running!.ItemsTotal, Is.EqualTo(5));
        Assert.That(running.LeaseExpiresAt, Is.GreaterThan(DateTimeOffset.UtcNow), "the lease is renewed while it runs");

        TestJobHandler.Release(gate);
        Assert.That((await Eventually.JobAsync(id, JobStatus.Succeeded)).ItemsDone, Is.EqualTo(5));
    }

    [Test]
    public async Task Run_WhenTheHandlerThrows_IsFailedAndAJobFailedEventIsInTheOutbox()
    {
        var date = BusinessDates.Next();
        var id = await _host.EnqueueAsync(JobsHost.TestJob, new TestJobParams { Items = 2, Behaviour = TestBehaviour.Throw }, date);

        var job = await Eventually.JobAsync(id, JobStatus.Failed);
        Assert.That(job.LastError, Is.EqualTo("InvalidOperationException: The price feed refused the request."));
        Assert.That(job.ItemsDone, Is.EqualTo(2), "progress up to the failure is kept");

        var failed = await JobFailedEventAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failed.JobId, Is.EqualTo(id));
            Assert.That(failed.Service, Is.EqualTo("jobs-test"));
            Assert.That(failed.JobType, Is.EqualTo(JobsHost.TestJob));
            Assert.That(failed.BusinessDate, Is.EqualTo(date));
            Assert.That(failed.Error, Is.EqualTo(job.LastError));
        }
    }

    [Test]
    public async Task Run_WhenItOutlivesItsTimeout_IsCancelledAndTimedOutWithAJobFailedEvent()
    {
        var id = await _host.EnqueueAsync(JobsHost.SlowJob, new TestJobParams { Items = 1, Behaviour = TestBehaviour.HangUntilCancelled });

        var job = await Eventually.JobAsync(id, JobStatus.TimedOut);
        Assert.That(job.LastError, Does.StartWith("Timed out after 00:00:00.5"));
        Assert.That(job.FinishedAt - job.StartedAt, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That((await JobFailedEventAsync(id)).Error, Does.StartWith("Timed out"));
    }

    [Test]
    public async Task Enqueue_WhenTheSameTypeAndDateIsPending_IsRefusedUntilItEnds()
    {
        var date = BusinessDates.Next();
        var gate = Guid.NewGuid().ToString();
        var first = await _host.EnqueueAsync(JobsHost.TestJob, new TestJobParams { Items = 1, PauseAfter = 0, Gate = gate }, date);
        await Eventually.JobAsync(first, JobStatus.Running);

        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var refused = await scope.ServiceProvider.GetRequiredService<IJobs>().EnqueueAsync(JobsHost.TestJob, new TestJobParams(), date, "test");
            Assert.That(refused.IsSuccess, Is.False);
            Assert.That(refused.Error!.Code, Is.EqualTo("jobs.already_pending"));
            Assert.That(refused.Error.Details!["jobId"], Is.EqualTo(first));
            var otherDate = await scope.ServiceProvider.GetRequiredService<IJobs>().EnqueueAsync(JobsHost.TestJob, new TestJobParams(), date.AddDays(1000), "test");
            Assert.That(otherDate.IsSuccess, Is.True, "another business date is another job");
        }

        TestJobHandler.Release(gate);
        await Eventually.JobAsync(first, JobStatus.Succeeded);
        var rerun = await _host.EnqueueAsync(JobsHost.TestJob, new TestJobParams { Items = 1 }, date);
        Assert.That(rerun, Is.Not.EqualTo(first), "a finished job may be run again for its date");
        await Eventually.JobAsync(rerun, JobStatus.Succeeded);
    }

    [Test]
    public async Task Enqueue_InsideACallersTransaction_ExistsOnlyIfItCommits()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDb>();
        var jobs = scope.ServiceProvider.GetRequiredService<IJobs>();

        Guid rolledBack;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            rolledBack = (await jobs.EnqueueAsync(JobsHost.TestJob, new TestJobParams { Items = 1 }, BusinessDates.Next(), "test")).Value;
            await transaction.RollbackAsync();
        }

        Guid committed;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            committed = (await jobs.EnqueueAsync(JobsHost.TestJob, new TestJobParams { Items = 1 }, BusinessDates.Next(), "test")).Value;
            await transaction.CommitAsync();
        }

        await Eventually.JobAsync(committed, JobStatus.Succeeded);
        Assert.That(await Eventually.ReadJobAsync(rolledBack), Is.Null);
    }

    [Test]
    public async Task Run_WhenItEnds_IsCountedInThePlatformJobsMeter()
    {
        var measurements = new ConcurrentBag<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meter) =>
        {
            if (instrument.Meter.Name == "Platform.Jobs")
            {
                meter.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
            measurements.Add((instrument.Name, 1, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();

        var ok = await _host.EnqueueAsync(JobsHost.SlowJob, new TestJobParams { Items = 1 });
        var failed = await _host.EnqueueAsync(JobsHost.SlowJob, new TestJobParams { Items = 1, Behaviour = TestBehaviour.Throw });
        await Eventually.JobAsync(ok, JobStatus.Succeeded);
        await Eventually.JobAsync(failed, JobStatus.Failed);

        bool Has(string instrument, string outcome) => measurements.Any(m =>
            m.Instrument == instrument && Equals(m.Tags["job.type"], JobsHost.SlowJob) && Equals(m.Tags["outcome"], outcome));
        await Eventually.WaitAsync(() => Task.FromResult(Has("platform.jobs.failures", "failed")), done => done, "the failure measurement");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Has("platform.jobs.runs", "succeeded"), Is.True);
            Assert.That(Has("platform.jobs.runs", "failed"), Is.True);
            Assert.That(Has("platform.jobs.duration", "succeeded"), Is.True);
            Assert.That(Has("platform.jobs.failures", "succeeded"), Is.False);
        }
    }

    /// <summary>The JobFailed row written with the failed status, read back as the event the relay publishes.</summary>
    internal static async Task<JobFailed> JobFailedEventAsync(Guid jobId)
    {
        await using var db = JobsDatabase.Open();
        var rows = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.AggregateId == jobId && m.MessageType == typeof(JobFailed).FullName)
            .ToListAsync();
        Assert.That(rows, Has.Count.EqualTo(1), "exactly one JobFailed event for the job");
        return JsonSerializer.Deserialize<JobFailed>(rows[0].Payload, Json)!;
    }
}
