using Platform.Contracts.Deals;
using Platform.Contracts.Identity;
using Platform.SharedKernel;
using static Alerts.Tests.TestSupport;

namespace Alerts.Tests.Api;

public sealed class DealAlertTests
{
    private readonly List<Guid> _reviewers = [];

    // The test database outlives the run: retire this test's reviewers so later deal events elsewhere skip them.
    [TearDown]
    public async Task RetireReviewers()
    {
        foreach (var reviewer in _reviewers)
        {
            await Factory.PublishAsync(new UserDeactivated(Guid.NewGuid(), DateTimeOffset.UtcNow, reviewer));
        }
    }

    private async Task<(HttpClient Client, Guid Id)[]> ReviewersAsync(int count)
    {
        var reviewers = Enumerable.Range(0, count).Select(_ => (Client: Factory.ClientFor(out var id, PlatformRoles.Reviewer), Id: id)).ToArray();
        _reviewers.AddRange(reviewers.Select(r => r.Id));
        await RegisterReviewersAsync(reviewers.Select(r => r.Id).ToArray());
        return reviewers;
    }

    [Test]
    public async Task Submission_WhenReviewersAreRegistered_AlertsEachActiveReviewerOnceButNotOwnerSubmitterOrDeactivated()
    {
        var reviewers = await ReviewersAsync(2);
        // The owner and a submitting admin are reviewers too, and still must not be asked to review it.
        var (ownerClient, ownerId) = (await ReviewersAsync(1))[0];
        var (submitterClient, submitterId) = (await ReviewersAsync(1))[0];
        var (retiredClient, retiredId) = (await ReviewersAsync(1))[0];
        await Factory.PublishAsync(new UserDeactivated(Guid.NewGuid(), DateTimeOffset.UtcNow, retiredId));
        await WaitForRecipientAsync(retiredId, r => !r.Active, "reviewer deactivated");

        var dealId = Guid.NewGuid();
        var submitted = Submitted(dealId, ownerId, submitterId);
        await Factory.PublishAsync(submitted);

        foreach (var (client, _) in reviewers)
        {
            var alerts = await client.WaitForAlertsAboutAsync(dealId.ToString());
            Assert.That(alerts, Has.Count.EqualTo(1));
            var alert = alerts[0];
            Assert.That(alert.Str("category"), Is.EqualTo("deal"));
            Assert.That(alert.Str("severity"), Is.EqualTo("info"));
            Assert.That(alert.Str("subjectType"), Is.EqualTo("deal"));
            Assert.That(alert.Str("title"), Is.EqualTo("Deal awaiting your review"));
            Assert.That(alert.Str("message"), Does.Contain(submitted.Name));
        }

        // The reviewers' alerts prove the event was applied, in one transaction for all recipients.
        Assert.That(await ownerClient.AlertsAboutAsync(dealId.ToString()), Is.Empty);
        Assert.That(await submitterClient.AlertsAboutAsync(dealId.ToString()), Is.Empty);
        Assert.That(await retiredClient.AlertsAboutAsync(dealId.ToString()), Is.Empty);
    }

    [Test]
    public async Task Submission_WhenTheSameEventIsDeliveredTwice_StillAlertsEachReviewerOnce()
    {
        var reviewers = await ReviewersAsync(2);
        var dealId = Guid.NewGuid();
        var submitted = Submitted(dealId, Guid.NewGuid());
        await Factory.PublishAsync(submitted);
        await reviewers[0].Client.WaitForAlertsAboutAsync(dealId.ToString());
        await Factory.PublishAsync(submitted);
        // A later, different event for the same deal shows the duplicate has been handled by then (one queue, in order).
        var marker = Submitted(dealId, Guid.NewGuid());
        await Factory.PublishAsync(marker);

        foreach (var (client, _) in reviewers)
        {
            var alerts = await client.WaitForAlertsAboutAsync(dealId.ToString(), 2);
            await Task.Delay(500);
            alerts = await client.AlertsAboutAsync(dealId.ToString());
            Assert.That(alerts, Has.Count.EqualTo(2), "one for each distinct event, none for the redelivery");
        }
    }

    [Test]
    public async Task RolesChanged_WhenUserBecomesReviewer_TheyGetSubmissionAlerts()
    {
        var client = Factory.ClientFor(out var userId, PlatformRoles.Reviewer);
        _reviewers.Add(userId);
        await Factory.PublishAsync(Registered(userId, PlatformRoles.Analyst));
        await WaitForRecipientAsync(userId, r => r.Active, "registered");
        await Factory.PublishAsync(new UserRolesChanged(Guid.NewGuid(), DateTimeOffset.UtcNow, userId, [PlatformRoles.Analyst, PlatformRoles.Reviewer]));
        await WaitForRecipientAsync(userId, r => r.IsReviewer, "reviewer role");

        var dealId = Guid.NewGuid();
        await Factory.PublishAsync(Submitted(dealId, Guid.NewGuid()));
        Assert.That(await client.WaitForAlertsAboutAsync(dealId.ToString()), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Synchronized_WhenTheUserWasNeverSeen_MakesThemAReviewerWhoGetsAlerts()
    {
        // A reviewer registered before alerts existed: only identity's re-sync tells alerts about them.
        var client = Factory.ClientFor(out var userId, PlatformRoles.Reviewer);
        _reviewers.Add(userId);
        await Factory.PublishAsync(new UserSynchronized(Guid.NewGuid(), DateTimeOffset.UtcNow, userId, $"{userId:N}@alerts.test", "Late Reviewer", [PlatformRoles.Reviewer], Active: true));
        await WaitForRecipientAsync(userId, r => r.IsReviewer && r.Active && r.DisplayName == "Late Reviewer", "synchronized");

        var dealId = Guid.NewGuid();
        await Factory.PublishAsync(Submitted(dealId, Guid.NewGuid()));
        Assert.That(await client.WaitForAlertsAboutAsync(dealId.ToString()), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Synchronized_WhenInactive_DeactivatesButAnOlderSnapshotChangesNothing()
    {
        var userId = Guid.NewGuid();
        _reviewers.Add(userId);
        var registered = Registered(userId, PlatformRoles.Reviewer);
        await Factory.PublishAsync(registered);
        await WaitForRecipientAsync(userId, r => r.Active && r.IsReviewer, "registered");

        await Factory.PublishAsync(new UserSynchronized(Guid.NewGuid(), registered.OccurredAt.AddMinutes(-5), userId, registered.Email, "Stale", [PlatformRoles.Analyst], Active: false));
        await Factory.PublishAsync(new UserSynchronized(Guid.NewGuid(), registered.OccurredAt.AddMinutes(1), userId, registered.Email, "Current", [PlatformRoles.Reviewer], Active: false));
        var recipient = await WaitForRecipientAsync(userId, r => !r.Active, "deactivated by the newer snapshot");
        Assert.That(recipient!.DisplayName, Is.EqualTo("Current"));
        Assert.That(recipient.IsReviewer, Is.True, "the stale snapshot's roles were not applied");
    }

    [Test]
    public async Task RolesChanged_WhenOlderThanTheRegistration_IsIgnored()
    {
        var userId = Guid.NewGuid();
        _reviewers.Add(userId);
        var registered = Registered(userId, PlatformRoles.Reviewer);
        await Factory.PublishAsync(new UserRolesChanged(Guid.NewGuid(), registered.OccurredAt.AddMinutes(-1), userId, [PlatformRoles.Analyst]));
        await WaitForRecipientAsync(userId, r => r.Roles.Contains(PlatformRoles.Analyst), "placeholder with roles");
        await Factory.PublishAsync(registered);
        await WaitForRecipientAsync(userId, r => r.IsReviewer && r.Email == registered.Email, "registration applied");
        await Factory.PublishAsync(new UserRolesChanged(Guid.NewGuid(), registered.OccurredAt.AddSeconds(-30), userId, [PlatformRoles.Analyst]));
        await Factory.PublishAsync(new UserRolesChanged(Guid.NewGuid(), registered.OccurredAt.AddMinutes(1), userId, [PlatformRoles.Admin, PlatformRoles.Reviewer]));
        var recipient = await WaitForRecipientAsync(userId, r => r.Roles.Contains(PlatformRoles.Admin), "newest roles applied");
        await Task.Delay(300);
        recipient = await WaitForRecipientAsync(userId, _ => true, "reread");
        Assert.That(recipient!.Roles, Is.EquivalentTo(new[] { PlatformRoles.Admin, PlatformRoles.Reviewer }));
    }

    [Test]
    public async Task Approval_WhenCommented_AlertsTheOwnerWithTheComment()
    {
        var owner = Factory.User(out var ownerId);
        var dealId = Guid.NewGuid();
        await Factory.PublishAsync(new DealApproved(Guid.NewGuid(), DateTimeOffset.UtcNow, dealId, "Acme buys Widget", ownerId, Guid.NewGuid(), "Solid terms, go ahead."));

        var alert = (await owner.WaitForAlertsAboutAsync(dealId.ToString())).Single();
        Assert.That(alert.Str("severity"), Is.EqualTo("info"));
        Assert.That(alert.Str("title"), Is.EqualTo("Deal approved"));
        Assert.That(alert.Str("message"), Does.Contain("Acme buys Widget").And.Contain("Solid terms, go ahead."));
    }

    [Test]
    public async Task Rejection_WhenCommented_AlertsTheOwnerWithAWarningAndTheComment()
    {
        var owner = Factory.User(out var ownerId);
        var dealId = Guid.NewGuid();
        await Factory.PublishAsync(new DealRejected(Guid.NewGuid(), DateTimeOffset.UtcNow, dealId, "Acme buys Gadget", ownerId, Guid.NewGuid(), "Break fee is missing."));

        var alert = (await owner.WaitForAlertsAboutAsync(dealId.ToString())).Single();
        Assert.That(alert.Str("severity"), Is.EqualTo("warning"));
        Assert.That(alert.Str("category"), Is.EqualTo("deal"));
        Assert.That(alert.Str("message"), Does.Contain("Break fee is missing."));
    }
}
