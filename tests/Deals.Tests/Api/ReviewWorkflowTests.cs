using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.SharedKernel;
using Platform.Testing;

namespace Deals.Tests.Api;

public sealed class ReviewWorkflowTests
{
    private static DealsApiFactory Api => DealsService.Factory;

    /// <summary>A deal pending review, as its reviewer reads it (with the ETag a decision needs).</summary>
    private static async Task<JsonElement> SubmittedDealAsync(HttpClient owner)
    {
        var deal = await owner.CreateDealAsync();
        var submitted = await (await owner.PostAsync($"/api/v1/deals/{deal.Id()}/submit", null)).ReadJsonAsync();
        Assert.That(submitted.GetProperty("reviewStatus").GetString(), Is.EqualTo("pendingReview"));
        return submitted;
    }

    [Test]
    public async Task AnalystSubmits_ReviewerApproves()
    {
        using var analyst = Api.Analyst(out _);
        var deal = await SubmittedDealAsync(analyst);

        using var reviewer = Api.Reviewer(out var reviewerId);
        var approved = await (await reviewer.DecideAsync(deal, "approve", "Terms check out.")).ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(approved.GetProperty("reviewStatus").GetString(), Is.EqualTo("approved"));
            Assert.That(approved.GetProperty("reviewerId").GetGuid(), Is.EqualTo(reviewerId));
            Assert.That(approved.GetProperty("reviewComment").GetString(), Is.EqualTo("Terms check out."));
            Assert.That(approved.GetProperty("reviewedAt").ValueKind, Is.Not.EqualTo(System.Text.Json.JsonValueKind.Null));
        });
    }

    [Test]
    public async Task Approve_WithoutBody_IsAllowed()
    {
        using var analyst = Api.Analyst(out _);
        var deal = await SubmittedDealAsync(analyst);
        using var reviewer = Api.Reviewer(out _);
        Assert.That((await reviewer.DecideAsync(deal, "approve")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Approve_ByTheOwnerWhoIsAlsoAReviewer_IsRefusedByFourEyes()
    {
        using var ownerReviewer = Api.ClientFor(out _, PlatformRoles.Analyst, PlatformRoles.Reviewer);
        var deal = await SubmittedDealAsync(ownerReviewer);
        var response = await ownerReviewer.DecideAsync(deal, "approve", "Self-approval");
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "deal.four_eyes");
    }

    [Test]
    public async Task Approve_ByAnalyst_Is403()
    {
        using var owner = Api.Analyst(out _);
        var deal = await SubmittedDealAsync(owner);
        using var otherAnalyst = Api.Analyst(out _);
        Assert.That((await otherAnalyst.DecideAsync(deal, "approve")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Reject_WithoutComment_Is422_WithComment_RecordsIt()
    {
        using var analyst = Api.Analyst(out _);
        var deal = await SubmittedDealAsync(analyst);
        using var reviewer = Api.Reviewer(out _);

        await (await reviewer.DecideAsync(deal, "reject", " ")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "deal.comment_required");
        var rejected = await (await reviewer.DecideAsync(deal, "reject", "Break fee is wrong.")).ReadJsonAsync();
        Assert.That(rejected.GetProperty("reviewStatus").GetString(), Is.EqualTo("rejected"));
        Assert.That(rejected.GetProperty("reviewComment").GetString(), Is.EqualTo("Break fee is wrong."));
    }

    [Test]
    public async Task Approve_ADraft_Is422()
    {
        using var analyst = Api.Analyst(out _);
        var deal = await analyst.CreateDealAsync();
        using var reviewer = Api.Reviewer(out _);
        await (await reviewer.DecideAsync(deal, "approve")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "deal.not_pending_review");
    }

    [Test]
    public async Task Submit_BySomeoneElse_Is403()
    {
        using var owner = Api.Analyst(out _);
        var deal = await owner.CreateDealAsync();
        using var other = Api.Analyst(out _);
        await (await other.PostAsync($"/api/v1/deals/{deal.Id()}/submit", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "deal.not_owner");
    }

    [Test]
    public async Task EditingAnApprovedDeal_SendsItBackToDraft()
    {
        using var analyst = Api.Analyst(out _);
        var deal = await SubmittedDealAsync(analyst);
        using var reviewer = Api.Reviewer(out _);
        var approved = await (await reviewer.DecideAsync(deal, "approve")).ReadJsonAsync();

        var edited = await (await analyst.SendAsync(HttpMethod.Put, $"/api/v1/deals/{deal.Id()}", approved.ETag(),
            DealRequests.NewDeal(d => d["dealValue"] = 2_000_000_000m))).ReadJsonAsync();
        Assert.That(edited.GetProperty("reviewStatus").GetString(), Is.EqualTo("draft"));
        Assert.That(edited.GetProperty("reviewerId").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
    }

    [Test]
    public async Task Approve_WithStaleIfMatch_Is412()
    {
        using var analyst = Api.Analyst(out _);
        var id = (await SubmittedDealAsync(analyst)).Id();
        using var reviewer = Api.Reviewer(out _);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/deals/{id}/approve");
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await (await reviewer.SendAsync(request)).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "deal.stale");
    }

    [Test]
    public async Task Approve_ByAnAdminWhoChangedTheTerms_Is403FourEyes_AndAnotherReviewerMayApprove()
    {
        using var analyst = Api.Analyst(out _);
        var deal = await analyst.CreateDealAsync();
        using var admin = Api.Admin(out _);
        var edited = await (await admin.SendAsync(HttpMethod.Put, $"/api/v1/deals/{deal.Id()}", deal.ETag(),
            DealRequests.NewDeal(d => d["dealValue"] = 9_000_000_000m))).ReadJsonAsync();
        var submitted = await (await analyst.SendAsync(HttpMethod.Post, $"/api/v1/deals/{deal.Id()}/submit", edited.ETag())).ReadJsonAsync();

        await (await admin.DecideAsync(submitted, "approve", "Looks fine to me.")).AssertProblemAsync(HttpStatusCode.Forbidden, "deal.four_eyes");
        await (await admin.DecideAsync(submitted, "reject", "Hiding my edit.")).AssertProblemAsync(HttpStatusCode.Forbidden, "deal.four_eyes");

        using var reviewer = Api.Reviewer(out _);
        var approved = await (await reviewer.DecideAsync(submitted, "approve", "Checked.")).ReadJsonAsync();
        Assert.That(approved.GetProperty("reviewStatus").GetString(), Is.EqualTo("approved"));
    }

    [TestCase("approve")]
    [TestCase("reject")]
    public async Task Review_WithoutIfMatch_Is428_WithAStar_Is428_AndStale_Is412(string decision)
    {
        using var analyst = Api.Analyst(out _);
        var id = (await SubmittedDealAsync(analyst)).Id();
        using var reviewer = Api.Reviewer(out _);
        var path = $"/api/v1/deals/{id}/{decision}";
        var body = new { comment = "Reviewed some version." };

        await (await reviewer.PostAsJsonAsync(path, body)).AssertProblemAsync(HttpStatusCode.PreconditionRequired, "deal.version_required");
        await (await reviewer.SendAsync(HttpMethod.Post, path, "*", body)).AssertProblemAsync(HttpStatusCode.PreconditionRequired, "deal.version_required");
        await (await reviewer.SendAsync(HttpMethod.Post, path, "\"1\"", body)).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "deal.stale");
        var unchanged = await (await reviewer.GetAsync($"/api/v1/deals/{id}")).ReadJsonAsync();
        Assert.That(unchanged.GetProperty("reviewStatus").GetString(), Is.EqualTo("pendingReview"));
    }
}
