using Platform.Contracts.Identity;
using Platform.SharedKernel;
using static Alerts.Tests.TestSupport;

namespace Alerts.Tests.Api;

/// <summary>Every platform role reaches the recipients projection as identity spells it, the newer roles included.</summary>
public sealed class RecipientRolesTests
{
    private readonly List<Guid> _users = [];

    [TearDown]
    public async Task RetireUsers()
    {
        foreach (var user in _users)
        {
            await Factory.PublishAsync(new UserDeactivated(Guid.NewGuid(), DateTimeOffset.UtcNow, user));
        }
    }

    [TestCase(PlatformRoles.RiskManager)]
    [TestCase(PlatformRoles.LoanOfficer)]
    public async Task Registered_WithANewRole_IsProjectedWithThatRole(string role)
    {
        var userId = Guid.NewGuid();
        _users.Add(userId);

        await Factory.PublishAsync(Registered(userId, role));

        var recipient = await WaitForRecipientAsync(userId, r => r.Active && r.Email is not null, "registered");
        Assert.That(recipient!.Roles, Is.EqualTo(new[] { role }));
        Assert.That(recipient.IsReviewer, Is.False);
    }

    [Test]
    public async Task RolesChanged_ToTheNewRoles_ReplacesTheProjectedRoles()
    {
        var userId = Guid.NewGuid();
        _users.Add(userId);
        var registered = Registered(userId, PlatformRoles.Analyst);
        await Factory.PublishAsync(registered);
        await WaitForRecipientAsync(userId, r => r.Roles.Contains(PlatformRoles.Analyst), "registered");

        await Factory.PublishAsync(new UserRolesChanged(Guid.NewGuid(), registered.OccurredAt.AddMinutes(1), userId, [PlatformRoles.RiskManager, PlatformRoles.LoanOfficer]));

        var recipient = await WaitForRecipientAsync(userId, r => !r.Roles.Contains(PlatformRoles.Analyst), "roles changed");
        Assert.That(recipient!.Roles, Is.EquivalentTo(new[] { PlatformRoles.RiskManager, PlatformRoles.LoanOfficer }));
    }

    [Test]
    public async Task Synchronized_WithEveryPlatformRole_ProjectsThemAll()
    {
        var userId = Guid.NewGuid();
        _users.Add(userId);

        await Factory.PublishAsync(new UserSynchronized(Guid.NewGuid(), DateTimeOffset.UtcNow, userId, $"{userId:N}@alerts.test", "Every Role", [.. PlatformRoles.All], Active: true));

        var recipient = await WaitForRecipientAsync(userId, r => r.DisplayName == "Every Role", "synchronized");
        Assert.That(recipient!.Roles, Is.EquivalentTo(PlatformRoles.All));
    }
}
