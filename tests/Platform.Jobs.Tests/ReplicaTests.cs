using Microsoft.EntityFrameworkCore;

namespace Platform.Jobs.Tests;

/// <summary>Two replicas of one service on one job table.</summary>
public sealed class ReplicaTests
{
    private JobsHost _first = null!;
    private JobsHost _second = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _first = await JobsHost.StartAsync(JobsFixture.Key, JobsFixture.JwksUri);
        _second = await JobsHost.StartAsync(JobsFixture.Key, JobsFixture.JwksUri);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Test]
    public async Task TwoRunners_OnOneTable_RunEveryJobExactlyOnce()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 24; i++)
        {
            // Enqueued through both replicas: each wakes both workers through the notification.
            ids.Add(await (i % 2 == 0 ? _first : _second).EnqueueAsync(JobsHost.TestJob, new TestJobParams { Items = 3, ItemDelayMs = 20 }));
        }

        var jobs = await Eventually.WaitAsync(
            async () =>
            {
                await using var db = JobsDatabase.Open();
                return await db.Jobs.AsNoTracking().Where(j => ids.Contains(j.Id)).ToListAsync();
            },
            rows => rows.Count == ids.Count && rows.All(j => j.Status == JobStatus.Succeeded),
            "all jobs to succeed",
            TimeSpan.FromSeconds(60));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ids.Select(id => TestJobHandler.Runs.GetValueOrDefault(id)), Is.All.EqualTo(1), "each handler ran once");
            Assert.That(jobs.Select(j => j.Attempts), Is.All.EqualTo(1));
        }
    }

    [Test]
    public async Task RunningJob_WhoseLeaseExpired_IsRequeuedAndRunAgain()
    {
        var id = await InsertAbandonedAsync(attempts: 1);

        var job = await Eventually.JobAsync(id, JobStatus.Succeeded);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(job.Attempts, Is.EqualTo(2), "the crashed attempt and the recovery's");
            Assert.That(job.ItemsDone, Is.EqualTo(2), "progress starts again from zero");
            Assert.That(TestJobHandler.Runs.GetValueOrDefault(id), Is.EqualTo(1));
            Assert.That(job.LastError, Does.Contain("stopped renewing the lease"), "the operator can see it was recovered");
        }
    }

    [Test]
    public async Task RunningJob_WhoseLeaseExpiredOnItsLastAttempt_IsFailedWithAJobFailedEvent()
    {
        var id = await InsertAbandonedAsync(attempts: JobsHost.MaxAttempts);

        var job = await Eventually.JobAsync(id, JobStatus.Failed);
        Assert.That(job.LastError, Does.Contain($"Attempt {JobsHost.MaxAttempts} of {JobsHost.MaxAttempts}"));
        Assert.That(TestJobHandler.Runs.ContainsKey(id), Is.False, "not run again");
        Assert.That((await JobRunTests.JobFailedEventAsync(id)).Error, Is.EqualTo(job.LastError));
    }

    /// <summary>A job whose worker died mid-run: running, held by a worker that no longer renews its lease.</summary>
    private static async Task<Guid> InsertAbandonedAsync(int attempts)
    {
        await using var db = JobsDatabase.Open();
        var job = new Job
        {
            Id = Guid.CreateVersion7(),
            Type = JobsHost.TestJob,
            BusinessDate = BusinessDates.Next(),
            Status = JobStatus.Running,
            Parameters = """{"items":2}""",
            RequestedBy = "test",
            CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            StartedAt = DateTimeOffset.UtcNow.AddMinutes(-4),
            ItemsDone = 7,
            ItemsTotal = 10,
            Timeout = TimeSpan.FromMinutes(1),
            Attempts = attempts,
            LeaseOwner = "crashed-host/1/0",
            LeaseExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1),
        };
        db.Jobs.Add(job);
        await db.SaveChangesAsync();
        return job.Id;
    }
}
