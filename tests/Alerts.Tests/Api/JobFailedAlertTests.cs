using Platform.Contracts.Identity;
using Platform.Contracts.Jobs;
using Platform.SharedKernel;
using static Alerts.Tests.TestSupport;

namespace Alerts.Tests.Api;

public sealed class JobFailedAlertTests
{
    private readonly List<Guid> _users = [];

    // The test database outlives the run: retire this test's admins so later job failures elsewhere skip them.
    [TearDown]
    public async Task RetireUsers()
    {
        foreach (var user in _users)
        {
            await Factory.PublishAsync(new UserDeactivated(Guid.NewGuid(), DateTimeOffset.UtcNow, user));
        }
    }

    private async Task<(HttpClient Client, Guid Id)> RegisteredAsync(params string[] roles)
    {
        var client = Factory.ClientFor(out var userId, roles);
        _users.Add(userId);
        await Factory.PublishAsync(Registered(userId, roles));
        await WaitForRecipientAsync(userId, r => r.Active && roles.All(r.Roles.Contains), "registered");
        return (client, userId);
    }

    [Test]
    public async Task JobFailed_AlertsEveryActiveAdminOnceAsCriticalButNotOthers()
    {
        var admins = new[] { await RegisteredAsync(PlatformRoles.Admin), await RegisteredAsync(PlatformRoles.Admin, PlatformRoles.Reviewer) };
        var (reviewer, _) = await RegisteredAsync(PlatformRoles.Reviewer);
        var (retired, retiredId) = await RegisteredAsync(PlatformRoles.Admin);
        await Factory.PublishAsync(new UserDeactivated(Guid.NewGuid(), DateTimeOffset.UtcNow, retiredId));
        await WaitForRecipientAsync(retiredId, r => !r.Active, "admin deactivated");

        var failed = new JobFailed(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), "portfolio", "nightly-risk", new DateOnly(2026, 12, 4),
            "TimeoutException: the pricing service did not answer.");
        await Factory.PublishAsync(failed);
        // A redelivery must not alert twice.
        await Factory.PublishAsync(failed);

        foreach (var (client, _) in admins)
        {
            var alert = (await client.WaitForAlertsAboutAsync(failed.JobId.ToString())).Single();
            Assert.That(alert.Str("severity"), Is.EqualTo("critical"));
            Assert.That(alert.Str("category"), Is.EqualTo("system"));
            Assert.That(alert.Str("subjectType"), Is.EqualTo("job"));
            Assert.That(alert.Str("title"), Is.EqualTo("Job nightly-risk failed in portfolio"));
            Assert.That(alert.Str("message"), Does.Contain("2026-12-04").And.Contain("the pricing service did not answer"));
        }

        await Task.Delay(300);
        foreach (var (client, _) in admins)
        {
            Assert.That(await client.AlertsAboutAsync(failed.JobId.ToString()), Has.Count.EqualTo(1), "the duplicate was absorbed");
        }

        Assert.That(await reviewer.AlertsAboutAsync(failed.JobId.ToString()), Is.Empty);
        Assert.That(await retired.AlertsAboutAsync(failed.JobId.ToString()), Is.Empty);
    }
}
