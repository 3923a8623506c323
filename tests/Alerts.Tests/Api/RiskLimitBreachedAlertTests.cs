using Platform.Contracts.Identity;
using Platform.Contracts.Portfolio;
using Platform.SharedKernel;
using static Alerts.Tests.TestSupport;

namespace Alerts.Tests.Api;

public sealed class RiskLimitBreachedAlertTests
{
    private readonly List<Guid> _users = [];

    // The test database outlives the run: retire this test's admin so later breaches elsewhere skip it.
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
    public async Task Breach_AlertsTheOwnerAndEveryAdminOnceAsCritical_AndNobodyElse()
    {
        var (owner, ownerId) = await RegisteredAsync(PlatformRoles.RiskManager);
        var (admin, _) = await RegisteredAsync(PlatformRoles.Admin);
        var (otherManager, _) = await RegisteredAsync(PlatformRoles.RiskManager);
        var portfolioId = Guid.NewGuid();
        var breach = new RiskLimitBreached(Guid.NewGuid(), DateTimeOffset.UtcNow, portfolioId, ownerId, "Macro book",
            "concentration", 25m, 41.5m, "USD", "NVDA", Guid.NewGuid(), DateTimeOffset.UtcNow);
        await Factory.PublishAsync(breach);
        // A redelivery must not alert twice.
        await Factory.PublishAsync(breach);

        foreach (var client in new[] { owner, admin })
        {
            var alert = (await client.WaitForAlertsAboutAsync(portfolioId.ToString())).Single();
            Assert.That(alert.Str("severity"), Is.EqualTo("critical"));
            Assert.That(alert.Str("category"), Is.EqualTo("risk"));
            Assert.That(alert.Str("subjectType"), Is.EqualTo("portfolio"));
            Assert.That(alert.Str("title"), Is.EqualTo("Macro book: concentration in NVDA limit broken"));
            Assert.That(alert.Str("message"), Does.Contain("41.5% of gross exposure").And.Contain("limit of 25% of gross exposure"));
        }

        await Task.Delay(300);
        Assert.That(await owner.AlertsAboutAsync(portfolioId.ToString()), Has.Count.EqualTo(1), "the duplicate was absorbed");
        Assert.That(await otherManager.AlertsAboutAsync(portfolioId.ToString()), Is.Empty, "another risk manager is not told about someone else's portfolio");
    }
}
