using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;
using Platform.Testing;

namespace Platform.Jobs.Tests;

public sealed class ScheduleTests
{
    private JobsHost _first = null!;
    private JobsHost _second = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _first = await JobsHost.StartAsync(JobsFixture.Key, JobsFixture.JwksUri);
        _second = await JobsHost.StartAsync(JobsFixture.Key, JobsFixture.JwksUri);
        _admin = _first.ClientFor(PlatformRoles.Admin);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _admin.Dispose();
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Test, Order(1)]
    public async Task Startup_SeedsTheServicesDefaultSchedule()
    {
        var schedule = await GetScheduleAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(schedule.GetProperty("cron").GetString(), Is.EqualTo(JobsHost.DefaultCron));
            Assert.That(schedule.GetProperty("timeZone").GetString(), Is.EqualTo(JobsHost.DefaultTimeZone));
            Assert.That(schedule.GetProperty("enabled").GetBoolean(), Is.True);
            Assert.That(schedule.GetProperty("parameters").GetProperty("items").GetInt32(), Is.EqualTo(1));
            Assert.That(schedule.GetProperty("nextRunAt").GetDateTimeOffset(), Is.GreaterThan(DateTimeOffset.UtcNow));
            Assert.That(schedule.GetProperty("updatedBy").GetString(), Is.EqualTo("service default"));
        }
    }

    [Test]
    public async Task DueSchedule_WithTwoSchedulers_EnqueuesExactlyOneJobForTheOccurrencesDate()
    {
        // 00:30 in Tokyo (UTC+9, no daylight saving) is 15:30 UTC of the day before; due since long ago.
        var occurrence = new DateTimeOffset(2026, 1, 4, 15, 30, 0, TimeSpan.Zero);
        var now = DateTimeOffset.UtcNow;
        var latest = new DateTimeOffset(now.Year, now.Month, now.Day, 15, 30, 0, TimeSpan.Zero);
        if (latest > now)
        {
            latest = latest.AddDays(-1);
        }

        await using (var db = JobsDatabase.Open())
        {
            await db.JobSchedules.Where(s => s.JobType == JobsHost.ScheduledJob).ExecuteUpdateAsync(set => set
                .SetProperty(s => s.Cron, "0 30 0 * * ?")
                .SetProperty(s => s.TimeZoneId, "Asia/Tokyo")
                .SetProperty(s => s.Enabled, true)
                .SetProperty(s => s.NextRunAt, occurrence));
            await db.Jobs.Where(j => j.Type == JobsHost.ScheduledJob).ExecuteDeleteAsync();
        }

        var counts = await Task.WhenAll(
            Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? _first : _second).Scheduler.EnqueueDueAsync(CancellationToken.None)));

        Assert.That(counts.Sum(), Is.EqualTo(1), "one occurrence, one job");
        await using (var db = JobsDatabase.Open())
        {
            var jobs = await db.Jobs.AsNoTracking().Where(j => j.Type == JobsHost.ScheduledJob).ToListAsync();
            var schedule = await db.JobSchedules.AsNoTracking().SingleAsync(s => s.JobType == JobsHost.ScheduledJob);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(jobs, Has.Count.EqualTo(1));
                Assert.That(jobs[0].RequestedBy, Is.EqualTo("scheduler"));
                // Missed occurrences collapse into the latest, and its date is Tokyo's, not UTC's.
                Assert.That(schedule.LastRunAt, Is.EqualTo(latest));
                Assert.That(jobs[0].BusinessDate, Is.EqualTo(DateOnly.FromDateTime(latest.UtcDateTime).AddDays(1)));
                Assert.That(schedule.NextRunAt, Is.GreaterThan(DateTimeOffset.UtcNow), "moved past now");
                Assert.That(schedule.LastJobId, Is.EqualTo(jobs[0].Id));
            }
        }
    }

    [Test]
    public async Task Put_WithAValidScheduleEdit_SavesItAndComputesTheNextRunInItsZone()
    {
        using var response = await _admin.PutAsJsonAsync($"{JobsHost.Prefix}/job-schedules/{JobsHost.ScheduledJob}",
            new { cron = "0 15 22 ? * MON-FRI", timeZone = "America/New_York", enabled = true, parameters = new { items = 4 } });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());

        var next = body.GetProperty("nextRunAt").GetDateTimeOffset();
        var local = TimeZoneInfo.ConvertTime(next, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That((local.Hour, local.Minute), Is.EqualTo((22, 15)));
            Assert.That(local.DayOfWeek, Is.Not.EqualTo(DayOfWeek.Saturday).And.Not.EqualTo(DayOfWeek.Sunday));
            Assert.That(body.GetProperty("parameters").GetProperty("items").GetInt32(), Is.EqualTo(4));
            Assert.That(body.GetProperty("updatedBy").GetString(), Is.Not.EqualTo("service default"));
        }

        Assert.That((await GetScheduleAsync()).GetProperty("cron").GetString(), Is.EqualTo("0 15 22 ? * MON-FRI"));
    }

    [TestCase("0 0 6 * *", "cron", TestName = "Put_WithAFiveFieldCron_Is400OnCron")]
    [TestCase("not a cron", "cron", TestName = "Put_WithGarbageCron_Is400OnCron")]
    [TestCase("0 0 25 * * ?", "cron", TestName = "Put_WithAnHourOutOfRange_Is400OnCron")]
    public async Task Put_WithAnInvalidCron_IsAValidationProblem(string cron, string field)
    {
        using var response = await PutAsync(cron, "Europe/London");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [TestCase("Mars/Olympus_Mons", TestName = "Put_WithAnUnknownZone_Is400OnTimeZone")]
    [TestCase("GMT Standard Time", TestName = "Put_WithAWindowsZoneId_Is400OnTimeZone")]
    [TestCase("", TestName = "Put_WithoutAZone_Is400OnTimeZone")]
    public async Task Put_WithAnInvalidTimeZone_IsAValidationProblem(string timeZone)
    {
        using var response = await PutAsync("0 0 6 ? * MON-FRI", timeZone);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem.GetProperty("errors").TryGetProperty("timeZone", out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task Put_WithACronThatNeverFiresAgain_IsA422()
    {
        using var response = await PutAsync("0 0 6 1 1 ? 2020", "Europe/London");
        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "jobs.schedule_never_fires");
    }

    [Test]
    public async Task Put_WithParametersTheHandlerCannotRead_IsAValidationProblem()
    {
        using var response = await _admin.PutAsJsonAsync($"{JobsHost.Prefix}/job-schedules/{JobsHost.ScheduledJob}",
            new { cron = "0 0 6 ? * MON-FRI", timeZone = "Europe/London", enabled = true, parameters = new { items = "many" } });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem.GetProperty("errors").TryGetProperty("parameters", out _), Is.True);
    }

    [Test]
    public async Task Schedules_OfAnUnknownType_Are404()
    {
        using var put = await _admin.PutAsJsonAsync($"{JobsHost.Prefix}/job-schedules/no-such-job", new { cron = "0 0 6 ? * MON-FRI", timeZone = "Europe/London", enabled = true });
        await put.AssertProblemAsync(HttpStatusCode.NotFound, "jobs.unknown_type");
        using var get = await _admin.GetAsync($"{JobsHost.Prefix}/job-schedules/no-such-job");
        await get.AssertProblemAsync(HttpStatusCode.NotFound, "jobs.schedule_not_found");
    }

    [Test]
    public async Task Put_ByANonAdmin_IsForbidden()
    {
        using var analyst = _first.ClientFor(PlatformRoles.Analyst);
        using var response = await analyst.PutAsJsonAsync($"{JobsHost.Prefix}/job-schedules/{JobsHost.ScheduledJob}", new { cron = "0 0 6 ? * MON-FRI", timeZone = "Europe/London", enabled = true });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public void Cron_InAZoneWithDaylightSaving_KeepsTheLocalTimeAcrossTheChange()
    {
        // London moves to BST (UTC+1) on 29 March 2026: 06:30 local is 06:30Z before and 05:30Z after.
        var before = CronSchedule.NextAfter("0 30 6 * * ?", "Europe/London", new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero));
        var after = CronSchedule.NextAfter("0 30 6 * * ?", "Europe/London", new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(before, Is.EqualTo(new DateTimeOffset(2026, 3, 28, 6, 30, 0, TimeSpan.Zero)));
            Assert.That(after, Is.EqualTo(new DateTimeOffset(2026, 3, 29, 5, 30, 0, TimeSpan.Zero)));
            // The business date is the occurrence's date where the schedule lives.
            Assert.That(CronSchedule.BusinessDateOf(new DateTimeOffset(2026, 12, 4, 23, 30, 0, TimeSpan.Zero), "Asia/Tokyo"), Is.EqualTo(new DateOnly(2026, 12, 5)));
        }
    }

    private Task<HttpResponseMessage> PutAsync(string cron, string timeZone) =>
        _admin.PutAsJsonAsync($"{JobsHost.Prefix}/job-schedules/{JobsHost.ScheduledJob}", new { cron, timeZone, enabled = true });

    private async Task<JsonElement> GetScheduleAsync()
    {
        using var response = await _admin.GetAsync($"{JobsHost.Prefix}/job-schedules/{JobsHost.ScheduledJob}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body;
    }
}
