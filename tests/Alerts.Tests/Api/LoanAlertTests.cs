using Platform.Contracts.Identity;
using Platform.Contracts.Loans;
using Platform.SharedKernel;
using static Alerts.Tests.TestSupport;

namespace Alerts.Tests.Api;

public sealed class LoanAlertTests
{
    private const string Reference = "LN-2026-0042";
    private const string Borrower = "Acme Industrial GmbH";
    private const decimal Principal = 1_250_000m;
    private const string Amount = "1,250,000.00 EUR";

    private readonly List<Guid> _reviewers = [];

    // The test database outlives the run: retire this test's reviewers so later submissions elsewhere skip them.
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

    private static HttpClient Officer(out Guid officerId) => Factory.ClientFor(out officerId, PlatformRoles.LoanOfficer);

    private static LoanBookingSubmitted Submitted(Guid bookingId, Guid officerId, Guid? submittedBy = null) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, bookingId, Reference, Borrower, Principal, "EUR", officerId, submittedBy ?? officerId);

    private static LoanBookingApproved Approved(Guid bookingId, Guid officerId, Guid approverId, string? comment = null) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, bookingId, Reference, Borrower, Principal, "EUR", officerId, approverId, comment);

    private static LoanBookingRejected Rejected(Guid bookingId, Guid officerId, Guid reviewerId, string comment) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, bookingId, Reference, Borrower, Principal, "EUR", officerId, reviewerId, comment);

    private static LoanBookingBooked Booked(Guid bookingId, Guid officerId, Guid bookedBy) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, bookingId, Reference, Borrower, Principal, "EUR", officerId, bookedBy);

    private static LoanDocumentExtracted Extracted(Guid bookingId, Guid officerId, Guid uploadedBy, int fields, bool needsOcr) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, bookingId, Reference, Guid.NewGuid(), "term-sheet.pdf", officerId, uploadedBy, fields, needsOcr);

    private static void AssertLoanAlert(System.Text.Json.JsonElement alert, string severity, string title)
    {
        Assert.That(alert.Str("category"), Is.EqualTo("loan"));
        Assert.That(alert.Str("severity"), Is.EqualTo(severity));
        Assert.That(alert.Str("subjectType"), Is.EqualTo("loanBooking"));
        Assert.That(alert.Str("title"), Is.EqualTo(title));
    }

    [Test]
    public async Task Submission_AlertsEachActiveReviewerOnceButNotOfficerSubmitterOrDeactivated()
    {
        var reviewers = await ReviewersAsync(2);
        // The officer and the submitter hold the reviewer role too, and still must not be asked to approve it.
        var (officerClient, officerId) = (await ReviewersAsync(1))[0];
        var (submitterClient, submitterId) = (await ReviewersAsync(1))[0];
        var (retiredClient, retiredId) = (await ReviewersAsync(1))[0];
        await Factory.PublishAsync(new UserDeactivated(Guid.NewGuid(), DateTimeOffset.UtcNow, retiredId));
        await WaitForRecipientAsync(retiredId, r => !r.Active, "reviewer deactivated");

        var bookingId = Guid.NewGuid();
        await Factory.PublishAsync(Submitted(bookingId, officerId, submitterId));

        foreach (var (client, _) in reviewers)
        {
            var alert = (await client.WaitForAlertsAboutAsync(bookingId.ToString())).Single();
            AssertLoanAlert(alert, "info", "Loan booking awaiting your review");
            Assert.That(alert.Str("message"), Is.EqualTo($"Loan booking \"{Reference}\" for \"{Borrower}\" ({Amount}) was submitted for credit approval."));
        }

        // The reviewers' alerts prove the event was applied, in one transaction for all recipients.
        Assert.That(await officerClient.AlertsAboutAsync(bookingId.ToString()), Is.Empty);
        Assert.That(await submitterClient.AlertsAboutAsync(bookingId.ToString()), Is.Empty);
        Assert.That(await retiredClient.AlertsAboutAsync(bookingId.ToString()), Is.Empty);
    }

    [Test]
    public async Task Submission_WhenTheSameEventIsDeliveredTwice_StillAlertsEachReviewerOnce()
    {
        var reviewers = await ReviewersAsync(2);
        var bookingId = Guid.NewGuid();
        var submitted = Submitted(bookingId, Guid.NewGuid());
        await Factory.PublishAsync(submitted);
        await reviewers[0].Client.WaitForAlertsAboutAsync(bookingId.ToString());
        await Factory.PublishAsync(submitted);
        // A later, different submission of the same booking shows the duplicate has been handled by then (one queue, in order).
        await Factory.PublishAsync(Submitted(bookingId, Guid.NewGuid()));

        foreach (var (client, _) in reviewers)
        {
            await client.WaitForAlertsAboutAsync(bookingId.ToString(), 2);
            await Task.Delay(500);
            Assert.That(await client.AlertsAboutAsync(bookingId.ToString()), Has.Count.EqualTo(2), "one for each distinct event, none for the redelivery");
        }
    }

    [Test]
    public async Task Approval_WhenCommented_AlertsTheOfficerWithTheCommentButNotTheApprover()
    {
        var officer = Officer(out var officerId);
        var approver = Factory.ClientFor(out var approverId, PlatformRoles.Reviewer);
        var bookingId = Guid.NewGuid();
        await Factory.PublishAsync(Approved(bookingId, officerId, approverId, "Covenants look fine."));

        var alert = (await officer.WaitForAlertsAboutAsync(bookingId.ToString())).Single();
        AssertLoanAlert(alert, "info", "Loan booking approved");
        Assert.That(alert.Str("message"), Is.EqualTo(
            $"Loan booking \"{Reference}\" for \"{Borrower}\" ({Amount}) was approved and can be booked. Reviewer's comment: Covenants look fine."));
        Assert.That(await approver.AlertsAboutAsync(bookingId.ToString()), Is.Empty);
    }

    [Test]
    public async Task Approval_WithoutComment_SaysOnlyThatItWasApproved()
    {
        var officer = Officer(out var officerId);
        var bookingId = Guid.NewGuid();
        await Factory.PublishAsync(Approved(bookingId, officerId, Guid.NewGuid(), comment: "  "));

        var alert = (await officer.WaitForAlertsAboutAsync(bookingId.ToString())).Single();
        Assert.That(alert.Str("message"), Does.EndWith("was approved and can be booked.").And.Not.Contain("comment"));
    }

    [Test]
    public async Task Approval_WhenTheSameEventIsDeliveredTwice_AlertsTheOfficerOnce()
    {
        var officer = Officer(out var officerId);
        var bookingId = Guid.NewGuid();
        var approved = Approved(bookingId, officerId, Guid.NewGuid(), "first");
        await Factory.PublishAsync(approved);
        await officer.WaitForAlertsAboutAsync(bookingId.ToString());
        await Factory.PublishAsync(approved);
        // A later, different approval event on the same queue shows the duplicate has been handled by then.
        await Factory.PublishAsync(Approved(bookingId, officerId, Guid.NewGuid(), "second"));

        await officer.WaitForAlertsAboutAsync(bookingId.ToString(), 2);
        await Task.Delay(500);
        var alerts = await officer.AlertsAboutAsync(bookingId.ToString());
        Assert.That(alerts.Select(a => a.Str("message")).Count(m => m.EndsWith("first", StringComparison.Ordinal)), Is.EqualTo(1), "none for the redelivery");
        Assert.That(alerts, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Rejection_AlertsTheOfficerWithAWarningAndTheComment()
    {
        var officer = Officer(out var officerId);
        var bookingId = Guid.NewGuid();
        await Factory.PublishAsync(Rejected(bookingId, officerId, Guid.NewGuid(), "Collateral valuation is missing."));

        var alert = (await officer.WaitForAlertsAboutAsync(bookingId.ToString())).Single();
        AssertLoanAlert(alert, "warning", "Loan booking rejected");
        Assert.That(alert.Str("message"), Is.EqualTo(
            $"Loan booking \"{Reference}\" for \"{Borrower}\" ({Amount}) was rejected. Reviewer's comment: Collateral valuation is missing."));
    }

    [Test]
    public async Task Booked_ByAnotherUser_AlertsTheOfficer()
    {
        var officer = Officer(out var officerId);
        var bookingId = Guid.NewGuid();
        await Factory.PublishAsync(Booked(bookingId, officerId, Guid.NewGuid()));

        var alert = (await officer.WaitForAlertsAboutAsync(bookingId.ToString())).Single();
        AssertLoanAlert(alert, "info", "Loan booked");
        Assert.That(alert.Str("message"), Is.EqualTo($"Loan booking \"{Reference}\" for \"{Borrower}\" ({Amount}) was booked: the loan now exists."));
    }

    [Test]
    public async Task Decisions_ByTheOfficerThemselves_DoNotAlertThem()
    {
        var officer = Officer(out var officerId);
        var approvedId = Guid.NewGuid();
        var rejectedId = Guid.NewGuid();
        var bookedId = Guid.NewGuid();
        await Factory.PublishAsync(Approved(approvedId, officerId, officerId, "self"));
        await Factory.PublishAsync(Rejected(rejectedId, officerId, officerId, "self"));
        await Factory.PublishAsync(Booked(bookedId, officerId, officerId));
        // Each followed on its own queue by the same decision from someone else, which must alert: by then the self-made one was handled.
        await Factory.PublishAsync(Approved(approvedId, officerId, Guid.NewGuid(), "other"));
        await Factory.PublishAsync(Rejected(rejectedId, officerId, Guid.NewGuid(), "other"));
        await Factory.PublishAsync(Booked(bookedId, officerId, Guid.NewGuid()));

        foreach (var bookingId in new[] { approvedId, rejectedId, bookedId })
        {
            await officer.WaitForAlertsAboutAsync(bookingId.ToString());
        }

        await Task.Delay(500);
        foreach (var bookingId in new[] { approvedId, rejectedId, bookedId })
        {
            var alerts = await officer.AlertsAboutAsync(bookingId.ToString());
            Assert.That(alerts, Has.Count.EqualTo(1), "only the decision someone else made");
            Assert.That(alerts[0].Str("message"), Does.Not.EndWith("self"));
        }
    }

    [Test]
    public async Task DocumentExtracted_AlertsTheUploaderAndTheOfficerWithTheFieldCount()
    {
        var officer = Officer(out var officerId);
        var uploader = Factory.ClientFor(out var uploaderId, PlatformRoles.LoanOfficer);
        var bookingId = Guid.NewGuid();
        var extracted = Extracted(bookingId, officerId, uploaderId, fields: 7, needsOcr: false);
        await Factory.PublishAsync(extracted);
        // A redelivery must not alert twice.
        await Factory.PublishAsync(extracted);

        foreach (var client in new[] { officer, uploader })
        {
            var alert = (await client.WaitForAlertsAboutAsync(bookingId.ToString())).Single();
            AssertLoanAlert(alert, "info", "Loan document terms extracted");
            Assert.That(alert.Str("message"), Is.EqualTo($"Terms extracted from \"term-sheet.pdf\": 7 fields (loan booking \"{Reference}\")."));
        }

        await Task.Delay(300);
        Assert.That(await officer.AlertsAboutAsync(bookingId.ToString()), Has.Count.EqualTo(1), "the duplicate was absorbed");
        Assert.That(await uploader.AlertsAboutAsync(bookingId.ToString()), Has.Count.EqualTo(1), "the duplicate was absorbed");
    }

    [Test]
    public async Task DocumentExtracted_WhenTheOfficerUploaded_AlertsThemOnce()
    {
        var officer = Officer(out var officerId);
        var bookingId = Guid.NewGuid();
        await Factory.PublishAsync(Extracted(bookingId, officerId, officerId, fields: 1, needsOcr: false));

        var alert = (await officer.WaitForAlertsAboutAsync(bookingId.ToString())).Single();
        Assert.That(alert.Str("message"), Does.StartWith("Terms extracted from \"term-sheet.pdf\": 1 field "));
    }

    [Test]
    public async Task DocumentExtracted_WhenTheScanNeedsOcr_WarnsThatTheTermsMustBeEnteredManually()
    {
        var officer = Officer(out var officerId);
        var uploader = Factory.ClientFor(out var uploaderId, PlatformRoles.LoanOfficer);
        var bookingId = Guid.NewGuid();
        await Factory.PublishAsync(Extracted(bookingId, officerId, uploaderId, fields: 0, needsOcr: true));

        foreach (var client in new[] { officer, uploader })
        {
            var alert = (await client.WaitForAlertsAboutAsync(bookingId.ToString())).Single();
            AssertLoanAlert(alert, "warning", "Loan document needs manual entry");
            Assert.That(alert.Str("message"), Does.Contain("\"term-sheet.pdf\"").And.Contain(Reference).And.Contain("needs OCR").And.Contain("manually"));
        }
    }

    [Test]
    public async Task DocumentExtractionFailed_WarnsTheUploaderAndTheOfficerWithTheReason()
    {
        var officer = Officer(out var officerId);
        var uploader = Factory.ClientFor(out var uploaderId, PlatformRoles.LoanOfficer);
        var bookingId = Guid.NewGuid();
        var failed = new LoanDocumentExtractionFailed(Guid.NewGuid(), DateTimeOffset.UtcNow, bookingId, Reference, Guid.NewGuid(), "facility.pdf",
            officerId, uploaderId, "The PDF is encrypted.");
        await Factory.PublishAsync(failed);
        await Factory.PublishAsync(failed);

        foreach (var client in new[] { officer, uploader })
        {
            var alert = (await client.WaitForAlertsAboutAsync(bookingId.ToString())).Single();
            AssertLoanAlert(alert, "warning", "Loan document extraction failed");
            Assert.That(alert.Str("message"), Is.EqualTo($"Terms could not be extracted from \"facility.pdf\" on loan booking \"{Reference}\": The PDF is encrypted."));
        }

        await Task.Delay(300);
        Assert.That(await officer.AlertsAboutAsync(bookingId.ToString()), Has.Count.EqualTo(1), "the duplicate was absorbed");
    }

    [Test]
    public async Task Rejection_WithAnOverlongCommentAndMarkup_KeepsTheFixedTitleAndTheAlertLengthLimit()
    {
        var officer = Officer(out var officerId);
        var bookingId = Guid.NewGuid();
        var comment = "<script>alert(1)</script> " + new string('x', 5_000);
        await Factory.PublishAsync(new LoanBookingRejected(Guid.NewGuid(), DateTimeOffset.UtcNow, bookingId, "<b>LN-1</b>", "Borrower \"Quoted\"", 1234.5m, "USD",
            officerId, Guid.NewGuid(), comment));

        var alert = (await officer.WaitForAlertsAboutAsync(bookingId.ToString())).Single();
        Assert.That(alert.Str("title"), Is.EqualTo("Loan booking rejected"), "users' text never reaches the title");
        var message = alert.Str("message");
        Assert.That(message, Does.StartWith("Loan booking \"<b>LN-1</b>\" for \"Borrower \"Quoted\"\" (1,234.50 USD) was rejected."), "stored as given; a client renders it as text");
        Assert.That(message, Has.Length.EqualTo(Alerts.Domain.Alert.MessageMaxLength).And.EndWith("…"));
    }
}
