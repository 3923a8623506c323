using Alerts.Domain;

namespace Alerts.Tests.Domain;

public sealed class RecipientAndAlertTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 14, 0, 0, TimeSpan.Zero);

    [Test]
    public void ApplyRoles_WhenOlderThanLastEvent_IsIgnored()
    {
        var recipient = Recipient.Registered(Guid.NewGuid(), "a@x.test", "A", ["reviewer"], T0);
        recipient.ApplyRoles(["analyst"], T0.AddMinutes(2));
        recipient.ApplyRoles(["reviewer"], T0.AddMinutes(1));
        Assert.That(recipient.Roles, Is.EqualTo(new[] { "analyst" }));
        Assert.That(recipient.LastEventAt, Is.EqualTo(T0.AddMinutes(2)));
    }

    [Test]
    public void ApplyDeactivation_WhenNewer_MakesInactive_AndALateRegistrationOnlyFillsIdentity()
    {
        var recipient = Recipient.Placeholder(Guid.NewGuid(), DateTimeOffset.MinValue);
        recipient.ApplyDeactivation(T0.AddMinutes(5));
        recipient.ApplyRegistration("late@x.test", "Late", ["reviewer"], T0);
        Assert.That(recipient.Active, Is.False);
        Assert.That(recipient.Roles, Is.Empty);
        Assert.That(recipient.Email, Is.EqualTo("late@x.test"));
    }

    [Test]
    public void Registered_WhenRolesHaveCaseAndDuplicates_NormalizesThem()
    {
        var recipient = Recipient.Registered(Guid.NewGuid(), "a@x.test", "A", ["Reviewer", "reviewer", " analyst "], T0);
        Assert.That(recipient.Roles, Is.EqualTo(new[] { "reviewer", "analyst" }));
        Assert.That(recipient.IsReviewer, Is.True);
    }

    [Test]
    public void MarkReadAndDismiss_WhenRepeated_KeepTheFirstTime()
    {
        var alert = Alert.Create(Guid.NewGuid(), AlertSeverity.Info, AlertCategory.Deal, "t", "m", AlertSubject.Deal(Guid.NewGuid()), Guid.NewGuid(), T0);
        alert.MarkRead(T0.AddMinutes(1));
        alert.MarkRead(T0.AddMinutes(2));
        alert.Dismiss(T0.AddMinutes(3));
        alert.Dismiss(T0.AddMinutes(4));
        Assert.That(alert.ReadAt, Is.EqualTo(T0.AddMinutes(1)));
        Assert.That(alert.DismissedAt, Is.EqualTo(T0.AddMinutes(3)));
    }

    [Test]
    public void Create_WhenTitleTooLong_Truncates()
    {
        var alert = Alert.Create(Guid.NewGuid(), AlertSeverity.Info, AlertCategory.Deal, new string('x', 500), "m", AlertSubject.Deal(Guid.NewGuid()), Guid.NewGuid(), T0);
        Assert.That(alert.Title, Has.Length.EqualTo(Alert.TitleMaxLength));
    }
}
