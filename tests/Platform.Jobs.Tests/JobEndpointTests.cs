using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.SharedKernel;
using Platform.Testing;

namespace Platform.Jobs.Tests;

/// <summary>The 202 Accepted + Location + status pattern of <see cref="JobEndpoints.MapJobs{TDb}"/>.</summary>
public sealed class JobEndpointTests
{
    private JobsHost _host = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await JobsHost.StartAsync(JobsFixture.Key, JobsFixture.JwksUri);
        _admin = _host.ClientFor(PlatformRoles.Admin);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task Post_StartsTheJob_202WithLocationWhoseGetShowsProgressAndErrors()
    {
        var date = BusinessDates.Next();
        var gate = Guid.NewGuid().ToString();
        using var response = await _admin.PostAsJsonAsync($"{JobsHost.Prefix}/jobs/{JobsHost.TestJob}",
            new { businessDate = date, parameters = new { items = 4, failingItems = new[] { "item-0" }, pauseAfter = 2, gate } });
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), accepted.ToString());

        var id = accepted.GetProperty("id").GetGuid();
        var location = response.Headers.Location!.ToString();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(location, Is.EqualTo($"{JobsHost.Prefix}/jobs/{id}"));
            Assert.That(accepted.GetProperty("location").GetString(), Is.EqualTo(location));
            Assert.That(accepted.GetProperty("status").GetString(), Is.EqualTo("queued"));
        }

        var running = await Eventually.WaitAsync(() => GetAsync(location), job => job.GetProperty("itemsDone").GetInt32() == 2, "progress through the endpoint");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(running.GetProperty("status").GetString(), Is.EqualTo("running"));
            Assert.That(running.GetProperty("itemsTotal").GetInt32(), Is.EqualTo(4));
            Assert.That(running.GetProperty("businessDate").GetString(), Is.EqualTo(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(running.GetProperty("type").GetString(), Is.EqualTo(JobsHost.TestJob));
            Assert.That(running.GetProperty("itemErrors")[0].GetProperty("itemKey").GetString(), Is.EqualTo("item-0"));
            Assert.That(running.GetProperty("parameters").GetProperty("items").GetInt32(), Is.EqualTo(4));
        }

        using (var duplicate = await _admin.PostAsJsonAsync($"{JobsHost.Prefix}/jobs/{JobsHost.TestJob}", new { businessDate = date }))
        {
            var conflict = await duplicate.AssertProblemAsync(HttpStatusCode.Conflict, "jobs.already_pending");
            Assert.That(conflict.GetProperty("jobId").GetGuid(), Is.EqualTo(id), "the refusal names the job to follow instead");
        }

        TestJobHandler.Release(gate);
        var done = await Eventually.WaitAsync(() => GetAsync(location), job => job.GetProperty("status").GetString() == "succeeded", "the job to succeed");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(done.GetProperty("itemsDone").GetInt32(), Is.EqualTo(4));
            Assert.That(done.GetProperty("itemErrorCount").GetInt32(), Is.EqualTo(1));
            Assert.That(done.GetProperty("finishedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        }
    }

    [Test]
    public async Task Post_WithoutABody_StartsAnUndatedJob()
    {
        using var response = await _admin.PostAsync($"{JobsHost.Prefix}/jobs/{JobsHost.TestJob}", null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var job = await Eventually.WaitAsync(() => GetAsync(response.Headers.Location!.ToString()), j => j.GetProperty("status").GetString() == "succeeded", "the job to succeed");
        Assert.That(job.GetProperty("businessDate").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Cancel_OfARunningJob_StopsItsHandlerAndFreesItsBusinessDate()
    {
        var date = BusinessDates.Next();
        var gate = Guid.NewGuid().ToString();
        using var started = await _admin.PostAsJsonAsync($"{JobsHost.Prefix}/jobs/{JobsHost.TestJob}",
            new { businessDate = date, parameters = new { items = 3, pauseAfter = 1, gate } });
        var location = started.Headers.Location!.ToString();
        await Eventually.WaitAsync(() => GetAsync(location), job => job.GetProperty("itemsDone").GetInt32() == 1, "the job to be under way");

        using var cancel = await _admin.PostAsync($"{location}/cancel", null);
        var cancelled = await cancel.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.OK), cancelled.ToString());
        Assert.That(cancelled.GetProperty("status").GetString(), Is.EqualTo("cancelled"));

        // The worker sees its lease gone at its next progress write and cancels the handler's token.
        var id = cancelled.GetProperty("id").GetGuid();
        await Eventually.WaitAsync(() => Task.FromResult(TestJobHandler.Cancelled.ContainsKey(id)), seen => seen, "the handler to be cancelled", TimeSpan.FromSeconds(5));
        await Task.Delay(300);
        var after = await GetAsync(location);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(after.GetProperty("status").GetString(), Is.EqualTo("cancelled"));
            Assert.That(after.GetProperty("itemsDone").GetInt32(), Is.EqualTo(1), "the handler stopped where it was");
            Assert.That(after.GetProperty("lastError").GetString(), Does.StartWith("Cancelled by"));
        }

        using var again = await _admin.PostAsync($"{location}/cancel", null);
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "jobs.not_cancellable");
        using var rerun = await _admin.PostAsJsonAsync($"{JobsHost.Prefix}/jobs/{JobsHost.TestJob}", new { businessDate = date, parameters = new { items = 1 } });
        Assert.That(rerun.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "a cancelled job no longer holds its date");
    }

    [Test]
    public async Task Get_OfAnUnknownId_Is404Problem()
    {
        using var response = await _admin.GetAsync($"{JobsHost.Prefix}/jobs/{Guid.NewGuid()}");
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "jobs.not_found");
    }

    [Test]
    public async Task Post_OfAnUnknownType_Is404Problem()
    {
        using var response = await _admin.PostAsJsonAsync($"{JobsHost.Prefix}/jobs/no-such-job", new { });
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "jobs.unknown_type");
    }

    [Test]
    public async Task Post_WithParametersTheHandlerCannotRead_Is400Problem()
    {
        using var response = await _admin.PostAsJsonAsync($"{JobsHost.Prefix}/jobs/{JobsHost.TestJob}", new { parameters = new { items = "ten" } });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem.GetProperty("errors").TryGetProperty("parameters", out _), Is.True);
    }

    [Test]
    public async Task Post_ByANonAdmin_IsForbiddenAndAnonymousIsUnauthorized()
    {
        using var analyst = _host.ClientFor(PlatformRoles.Analyst);
        using var forbidden = await analyst.PostAsJsonAsync($"{JobsHost.Prefix}/jobs/{JobsHost.TestJob}", new { });
        Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        using var anonymous = new HttpClient { BaseAddress = _host.BaseAddress };
        using var unauthorized = await anonymous.GetAsync($"{JobsHost.Prefix}/jobs/{Guid.NewGuid()}");
        Assert.That(unauthorized.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase("limit=99999999999", "request.invalid", "limit")]
    [TestCase("limit=ten", "request.invalid", "limit")]
    [TestCase("type=%00", "request.invalid_characters", "type")]
    [TestCase("type=%FF", "request.invalid_characters", "type")]
    public async Task List_WithAQueryValueThatCannotBeRead_Is400NamingIt(string query, string errorCode, string parameter)
    {
        using var response = await _admin.GetAsync($"{JobsHost.Prefix}/jobs?{query}");

        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, errorCode, parameter);
    }

    private async Task<JsonElement> GetAsync(string location)
    {
        using var response = await _admin.GetAsync(location);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body;
    }
}
