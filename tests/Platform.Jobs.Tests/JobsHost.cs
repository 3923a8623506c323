using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Hosting;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Jobs.Tests;

/// <summary>
/// A service replica as far as jobs go: the service defaults (auth, problem details), the outbox,
/// the job worker, scheduler and listener on the real PostgreSQL, and the job endpoints on Kestrel.
/// </summary>
public sealed class JobsHost : IAsyncDisposable
{
    public const string Prefix = "/api/v1/test/admin";
    public const string TestJob = "test-job";
    public const string SlowJob = "slow-job";
    public const string ScheduledJob = "scheduled-job";
    public const string DefaultCron = "0 0 6 ? * MON-FRI";
    public const string DefaultTimeZone = "Europe/London";
    public const int MaxAttempts = 3;

    private const string Audience = "platform-api";
    private const string Issuer = "http://identity.jobs.test";

    private readonly WebApplication _app;
    private readonly TestSigningKey _key;

    private JobsHost(WebApplication app, TestSigningKey key, Uri baseAddress)
    {
        _app = app;
        _key = key;
        BaseAddress = baseAddress;
    }

    public IServiceProvider Services => _app.Services;

    public Uri BaseAddress { get; }

    internal JobWorker<TestDb> Worker => Services.GetRequiredService<JobWorker<TestDb>>();

    internal JobScheduler<TestDb> Scheduler => Services.GetRequiredService<JobScheduler<TestDb>>();

    /// <param name="pollInterval">How often the worker looks without being woken; long, to prove a notification woke it.</param>
    public static async Task<JobsHost> StartAsync(TestSigningKey key, Uri jwksUri, string pollInterval = "00:00:00.100")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Auth:Issuer"] = Issuer;
        builder.Configuration["Auth:Audience"] = Audience;
        builder.Configuration["Auth:JwksUri"] = jwksUri.ToString();
        builder.Configuration["ConnectionStrings:RabbitMq"] = TestEnvironment.RabbitMqConnectionString;
        builder.Configuration["ConnectionStrings:Redis"] = TestEnvironment.RedisConnectionString;
        builder.Configuration["Jobs:PollInterval"] = pollInterval;
        builder.Configuration["Jobs:LeaseDuration"] = "00:00:02";
        builder.Configuration["Jobs:ProgressInterval"] = "00:00:00.100";
        builder.Configuration["Jobs:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration["Jobs:MaxConcurrentJobs"] = "4";
        builder.Configuration["Jobs:MaxItemErrors"] = "3";
        // The tests drive the scheduler's passes themselves; the loop only seeds at start-up.
        builder.Configuration["Jobs:ScheduleInterval"] = "00:10:00";
        builder.Configuration["ConnectionStrings:Postgres"] = JobsDatabase.ConnectionString;
        // Composed the way a service is (Platform.Hosting); its tables come from JobsDatabase, not migrations.
        builder.AddPlatformService<TestDb>(new PlatformService("jobs-test", TestDb.Schema)
        {
            Migrations = typeof(JobsHost).Assembly,
            UseCases = typeof(JobsHost).Assembly,
            AdminRoutePrefix = Prefix,
            Jobs = jobs => jobs
                .Add<TestJobParams, TestJobHandler>(TestJob, TimeSpan.FromSeconds(30))
                .Add<TestJobParams, TestJobHandler>(SlowJob, TimeSpan.FromMilliseconds(500))
                .Add<TestJobParams, TestJobHandler>(ScheduledJob, TimeSpan.FromSeconds(30))
                .Schedule(ScheduledJob, DefaultCron, DefaultTimeZone, new TestJobParams { Items = 1 }),
        });

        var app = builder.Build();
        app.UsePlatformService();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new JobsHost(app, key, new Uri(address));
    }

    /// <summary>A client whose token carries <paramref name="roles"/>.</summary>
    public HttpClient ClientFor(params string[] roles)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        var token = TestTokens.Create(_key, Issuer, Audience, Guid.NewGuid().ToString(), roles);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Enqueues through <see cref="IJobs"/> in a scope of its own, as a use case would.</summary>
    public async Task<Guid> EnqueueAsync(string type, TestJobParams parameters, DateOnly? businessDate = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IJobs>().EnqueueAsync(type, parameters, businessDate, "test");
        Assert.That(result.IsSuccess, Is.True, () => result.Error!.Message);
        return result.Value;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
