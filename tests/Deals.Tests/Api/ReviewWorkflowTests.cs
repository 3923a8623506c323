using System.Net;
using System.Net.Http.Json;
using Platform.SharedKernel;
using Platform.Testing;

namespace Deals.Tests.Api;

public sealed class ReviewWorkflowTests
{
    private static DealsApiFactory Api => DealsService.Factory;

    private static async Task<string> SubmittedDealAsync(HttpClient owner)
    {
        var deal = await owner.CreateDealAsync();
        var submitted = await (await owner.PostAsync($"/api/v1/deals/{deal.Id()}/submit", null)).ReadJsonAsync();
        Assert.That(submitted.GetProperty("reviewStatus").GetString(), Is.EqualTo("pendingReview"));
        return deal.Id();
    }

    [Test]
    public async Task AnalystSubmits_ReviewerApproves()
    {
        using var analyst = Api.Analyst(out _);
        var id = await SubmittedDealAsync(analyst);

        using var reviewer = Api.Reviewer(out var reviewerId);
        var approved = await (await reviewer.PostAsJsonAsync($"/api/v1/deals/{id}/approve", new { comment = "Terms check out." })).ReadJsonAsync();
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
        var id = await SubmittedDealAsync(analyst);
        using var reviewer = Api.Reviewer(out _);
        Assert.That((await reviewer.PostAsync($"/api/v1/deals/{id}/approve", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Approve_ByTheOwnerWhoIsAlsoAReviewer_IsRefusedByFourEyes()
    {
        using var ownerReviewer = Api.ClientFor(out _, PlatformRoles.Analyst, PlatformRoles.Reviewer);
        var id = await SubmittedDealAsync(ownerReviewer);
        var response = await ownerReviewer.PostAsJsonAsync($"/api/v1/deals/{id}/approve", new { comment = "Self-approval" });
        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "deal.four_eyes");
    }

    [Test]
    public async Task Approve_ByAnalyst_Is403()
    {
        using var owner = Api.Analyst(out _);
        var id = await SubmittedDealAsync(owner);
        using var otherAnalyst = Api.Analyst(out _);
        Assert.That((await otherAnalyst.PostAsync($"/api/v1/deals/{id}/approve", null)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Reject_WithoutComment_Is422_WithComment_RecordsIt()
    {
        using var analyst = Api.Analyst(out _);
        var id = await SubmittedDealAsync(analyst);
        using var reviewer = Api.Reviewer(out _);

        await (await reviewer.PostAsJsonAsync($"/api/v1/deals/{id}/reject", new { comment = " " }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "deal.comment_required");
        var rejected = await (await reviewer.PostAsJsonAsync($"/api/v1/deals/{id}/reject", new { comment = "Break fee is wrong." })).ReadJsonAsync();
        Assert.That(rejected.GetProperty("reviewStatus").GetString(), Is.EqualTo("rejected"));
        Assert.That(rejected.GetProperty("reviewComment").GetString(), Is.EqualTo("Break fee is wrong."));
    }

    [Test]
    public async Task Approve_ADraft_Is422()
    {
        using var analyst = Api.Analyst(out _);
        var deal = await analyst.CreateDealAsync();
        using var reviewer = Api.Reviewer(out _);
        await (await reviewer.PostAsync($"/api/v1/deals/{deal.Id()}/approve", null))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "deal.not_pending_review");
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
        var id = await SubmittedDealAsync(analyst);
        using var reviewer = Api.Reviewer(out _);
        var approved = await (await reviewer.PostAsync($"/api/v1/deals/{id}/approve", null)).ReadJsonAsync();

        var edited = await (await analyst.SendAsync(HttpMethod.Put, $"/api/v1/deals/{id}", approved.ETag(),
            DealRequests.NewDeal(d => d["dealValue"] = 2_000_000_000m))).ReadJsonAsync();
        Assert.That(edited.GetProperty("reviewStatus").GetString(), Is.EqualTo("draft"));
        Assert.That(edited.GetProperty("reviewerId").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
    }

    [Test]
    public async Task Approve_WithStaleIfMatch_Is412()
    {
        using var analyst = Api.Analyst(out _);
        var id = await SubmittedDealAsync(analyst);
        using var reviewer = Api.Reviewer(out _);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/deals/{id}/approve");
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await (await reviewer.SendAsync(request)).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "deal.stale");
    }
}
