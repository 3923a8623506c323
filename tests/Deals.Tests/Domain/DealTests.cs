using Deals.Domain;
using Platform.SharedKernel;
using static Deals.Tests.Domain.DealTestData;

namespace Deals.Tests.Domain;

public sealed class DealTests
{
    [Test]
    public void Create_ByAnalyst_IsADraftOwnedByThem_AndRaisesCreated()
    {
        var deal = NewDeal();
        Assert.Multiple(() =>
        {
            Assert.That(deal.ReviewStatus, Is.EqualTo(ReviewStatus.Draft));
            Assert.That(deal.OwnerId, Is.EqualTo(Owner.UserId));
            Assert.That(deal.Spread, Is.EqualTo(2.5m));
            Assert.That(deal.DomainEvents.Single(), Is.TypeOf<DealCreatedEvent>());
        });
    }

    [Test]
    public void Create_ByReviewerOnly_IsRefused() =>
        Assert.That(Deal.Create(Terms(), Reviewer, Now).Error, Is.EqualTo(DealErrors.NotAnAnalyst));

    [Test]
    public void Create_WithInvalidTerms_ReturnsFieldErrors()
    {
        var error = Deal.Create(Terms() with { Currency = "ZZZ", ProbabilityOfClose = 3m }, Owner, Now).Error!;
        Assert.That(error.Kind, Is.EqualTo(ErrorKind.Validation));
        Assert.That(error.FieldErrors!.Keys, Is.EquivalentTo(new[] { "currency", "probabilityOfClose" }));
    }

    [Test]
    public void Update_ByAnotherAnalyst_IsRefused() =>
        Assert.That(NewDeal().Update(Terms() with { Name = "Changed" }, OtherAnalyst, Now).Error, Is.EqualTo(DealErrors.NotOwner));

    [Test]
    public void Update_ByAdmin_IsAllowed() =>
        Assert.That(NewDeal().Update(Terms() with { Name = "Changed" }, Admin, Now).IsSuccess, Is.True);

    [Test]
    public void Update_WithSameTerms_ChangesNothingAndRaisesNothing()
    {
        var deal = NewDeal();
        deal.ClearDomainEvents();
        Assert.That(deal.Update(Terms(), Owner, Now).IsSuccess, Is.True);
        Assert.That(deal.DomainEvents, Is.Empty);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Update_OfReviewedDeal_SendsItBackToDraft(bool approve)
    {
        var deal = PendingDeal();
        var decided = approve ? deal.Approve(Reviewer, "ok", Now) : deal.Reject(Reviewer, "fix the value", Now);
        Assert.That(decided.IsSuccess, Is.True);

        Assert.That(deal.Update(Terms() with { DealValue = 2_000_000_000m }, Owner, Now).IsSuccess, Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(deal.ReviewStatus, Is.EqualTo(ReviewStatus.Draft));
            Assert.That(deal.ReviewerId, Is.Null);
            Assert.That(deal.ReviewComment, Is.Null);
            Assert.That(deal.DomainEvents.OfType<DealUpdatedEvent>().Single().ReturnedToDraft, Is.True);
        });
    }

    [Test]
    public void Submit_Draft_BecomesPendingReview()
    {
        var deal = PendingDeal();
        Assert.That(deal.ReviewStatus, Is.EqualTo(ReviewStatus.PendingReview));
        Assert.That(deal.SubmittedAt, Is.EqualTo(Now));
        Assert.That(deal.DomainEvents.OfType<DealSubmittedForReviewEvent>().Count(), Is.EqualTo(1));
    }

    [Test]
    public void Submit_Twice_IsRefused() => Assert.That(PendingDeal().Submit(Owner, Now).Error, Is.EqualTo(DealErrors.NotDraft));

    [Test]
    public void Submit_BySomeoneElse_IsRefused() => Assert.That(NewDeal().Submit(OtherAnalyst, Now).Error, Is.EqualTo(DealErrors.NotOwner));

    [Test]
    public void Approve_ByReviewer_RecordsTheDecision()
    {
        var deal = PendingDeal();
        Assert.That(deal.Approve(Reviewer, "  Looks right.  ", Now).IsSuccess, Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(deal.ReviewStatus, Is.EqualTo(ReviewStatus.Approved));
            Assert.That(deal.ReviewerId, Is.EqualTo(Reviewer.UserId));
            Assert.That(deal.ReviewedAt, Is.EqualTo(Now));
            Assert.That(deal.ReviewComment, Is.EqualTo("Looks right."));
            Assert.That(deal.DomainEvents.OfType<DealApprovedEvent>().Single().ReviewerId, Is.EqualTo(Reviewer.UserId));
        });
    }

    [Test]
    public void Approve_ByTheOwner_IsRefusedByFourEyes()
    {
        var ownerWhoIsAlsoReviewer = Actor.Of(Guid.NewGuid(), PlatformRoles.Analyst, PlatformRoles.Reviewer);
        var deal = NewDeal(owner: ownerWhoIsAlsoReviewer);
        Assert.That(deal.Submit(ownerWhoIsAlsoReviewer, Now).IsSuccess, Is.True);
        Assert.That(deal.Approve(ownerWhoIsAlsoReviewer, null, Now).Error, Is.EqualTo(DealErrors.FourEyes));
    }

    [Test]
    public void Approve_ByAdminWhoOwnsTheDeal_IsRefusedByFourEyes()
    {
        var deal = NewDeal(owner: Admin);
        Assert.That(deal.Submit(Admin, Now).IsSuccess, Is.True);
        Assert.That(deal.Approve(Admin, null, Now).Error, Is.EqualTo(DealErrors.FourEyes));
    }

    // Four-eyes covers whoever wrote the terms under review, not only the owner: an admin may edit
    // anyone's deal, and must not then approve or reject their own edit.
    [TestCase(true)]
    [TestCase(false)]
    public void Review_ByAdminWhoChangedTheTerms_IsRefusedByFourEyes(bool approve)
    {
        var deal = NewDeal();
        Assert.That(deal.Update(Terms() with { DealValue = 2_000_000_000m }, Admin, Now).IsSuccess, Is.True);
        Assert.That(deal.Submit(Admin, Now).IsSuccess, Is.True);

        var decided = approve ? deal.Approve(Admin, null, Now) : deal.Reject(Admin, "my own edit", Now);
        Assert.That(decided.Error, Is.EqualTo(DealErrors.FourEyes));
        Assert.That(DealErrors.FourEyes.Kind, Is.EqualTo(ErrorKind.Forbidden));
    }

    [Test]
    public void Review_ByAnEditorOfAnApprovedDeal_AfterResubmission_IsRefusedByFourEyes()
    {
        var deal = PendingDeal();
        Assert.That(deal.Approve(Reviewer, "ok", Now).IsSuccess, Is.True);

        // The reviewer of the first version edits the approved deal: the new terms are theirs.
        var editingAdmin = Actor.Of(Reviewer.UserId, PlatformRoles.Admin);
        Assert.That(deal.Update(Terms() with { DealValue = 2_000_000_000m }, editingAdmin, Now).IsSuccess, Is.True);
        Assert.That(deal.Submit(Owner, Now).IsSuccess, Is.True);

        Assert.That(deal.Approve(editingAdmin, null, Now).Error, Is.EqualTo(DealErrors.FourEyes));
        Assert.That(deal.Approve(Admin, null, Now).IsSuccess, Is.True, "someone who wrote none of the terms may approve");
    }

    // Only an approval clears the editors: a rejection approved nothing, so the admin's edit it saw
    // is still unreviewed; after an approval the new terms are the later editors' alone.
    [TestCase(true)]
    [TestCase(false)]
    public void AnEarlierEditor_MayReviewALaterVersion_OnlyIfAnApprovalCameBetween(bool approvedBetween)
    {
        var deal = NewDeal();
        Assert.That(deal.Update(Terms() with { DealValue = 2_000_000_000m }, Admin, Now).IsSuccess, Is.True);
        Assert.That(deal.Submit(Owner, Now).IsSuccess, Is.True);
        var decided = approvedBetween ? deal.Approve(Reviewer, "ok", Now) : deal.Reject(Reviewer, "check the value", Now);
        Assert.That(decided.IsSuccess, Is.True);

        Assert.That(deal.Update(Terms() with { DealValue = 2_100_000_000m }, Owner, Now).IsSuccess, Is.True);
        Assert.That(deal.Submit(Owner, Now).IsSuccess, Is.True);
        Assert.That(deal.Approve(Admin, null, Now).Error, approvedBetween ? Is.Null : Is.EqualTo(DealErrors.FourEyes));
    }

    [Test]
    public void Update_ThatChangesNothing_DoesNotMakeTheActorAnEditor()
    {
        var deal = NewDeal();
        Assert.That(deal.Update(Terms(), Admin, Now).IsSuccess, Is.True);
        Assert.That(deal.Submit(Owner, Now).IsSuccess, Is.True);
        Assert.That(deal.Approve(Admin, null, Now).IsSuccess, Is.True);
    }

    [Test]
    public void Approve_ByAnalyst_IsRefused() => Assert.That(PendingDeal().Approve(OtherAnalyst, null, Now).Error, Is.EqualTo(DealErrors.NotAReviewer));

    [Test]
    public void Approve_Draft_IsRefused() => Assert.That(NewDeal().Approve(Reviewer, null, Now).Error, Is.EqualTo(DealErrors.NotPendingReview));

    [Test]
    public void Reject_WithoutComment_IsRefused() => Assert.That(PendingDeal().Reject(Reviewer, "  ", Now).Error, Is.EqualTo(DealErrors.CommentRequired));

    [Test]
    public void Reject_WithComment_RecordsItAndRaisesRejected()
    {
        var deal = PendingDeal();
        Assert.That(deal.Reject(Reviewer, "Break fee missing", Now).IsSuccess, Is.True);
        Assert.That(deal.ReviewStatus, Is.EqualTo(ReviewStatus.Rejected));
        Assert.That(deal.DomainEvents.OfType<DealRejectedEvent>().Single().Comment, Is.EqualTo("Break fee missing"));
    }

    [Test]
    public void Reject_ThenSubmitWithoutEditing_IsRefused()
    {
        var deal = PendingDeal();
        Assert.That(deal.Reject(Reviewer, "fix", Now).IsSuccess, Is.True);
        Assert.That(deal.Submit(Owner, Now).Error, Is.EqualTo(DealErrors.NotDraft));
    }

    [Test]
    public void Delete_ByOwner_SetsDeletedAt_AndRaisesDeleted()
    {
        var deal = NewDeal();
        Assert.That(deal.Delete(Owner, Now).IsSuccess, Is.True);
        Assert.That(deal.DeletedAt, Is.EqualTo(Now));
        Assert.That(deal.DomainEvents.OfType<DealDeletedEvent>().Count(), Is.EqualTo(1));
    }

    [Test]
    public void Delete_ByReviewer_IsRefused() => Assert.That(NewDeal().Delete(Reviewer, Now).Error, Is.EqualTo(DealErrors.NotOwner));

    [Test]
    public void Restore_ByAnalyst_IsRefused()
    {
        var deal = NewDeal();
        deal.Delete(Owner, Now);
        Assert.That(deal.Restore(Owner, Now).Error!.Kind, Is.EqualTo(ErrorKind.Forbidden));
    }

    [Test]
    public void Restore_ByAdmin_ClearsDeletedAt()
    {
        var deal = NewDeal();
        deal.Delete(Owner, Now);
        Assert.That(deal.Restore(Admin, Now).IsSuccess, Is.True);
        Assert.That(deal.DeletedAt, Is.Null);
    }

    [Test]
    public void Restore_OfLiveDeal_IsRefused() => Assert.That(NewDeal().Restore(Admin, Now).Error, Is.EqualTo(DealErrors.NotDeleted));
}
