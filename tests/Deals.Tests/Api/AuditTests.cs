using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Deals.Tests.Api;

public sealed class AuditTests
{
    private static DealsApiFactory Api => DealsService.Factory;

    [Test]
    public async Task Audit_ListsEachChangeWithBeforeAfterActorAndRequestId()
    {
        using var analyst = Api.Analyst(out var analystId);
        var created = await analyst.CreateDealAsync(d => d["dealValue"] = 100m);

        var update = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/deals/{created.Id()}") { Content = JsonContent.Create(DealRequests.NewDeal(d => d["dealValue"] = 250m)) };
        update.Headers.TryAddWithoutValidation("If-Match", created.ETag());
        update.Headers.Add("X-Request-ID", "audit-test-" + Guid.NewGuid().ToString("N"));
        var requestId = update.Headers.GetValues("X-Request-ID").Single();
        Assert.That((await analyst.SendAsync(update)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var reviewer = Api.Reviewer(out _);
        var history = await (await reviewer.GetAsync($"/api/v1/deals/{created.Id()}/audit")).ReadJsonAsync();
        var entries = history.GetProperty("items").EnumerateArray().ToList();
        Assert.That(entries.Select(e => e.GetProperty("action").GetString()), Is.EqualTo(new[] { "created", "updated" }));

        var change = entries[1];
        var dealValue = change.GetProperty("changes").GetProperty("dealValue");
        Assert.Multiple(() =>
        {
            Assert.That(change.GetProperty("actor").GetString(), Is.EqualTo(analystId.ToString()));
            Assert.That(change.GetProperty("requestId").GetString(), Is.EqualTo(requestId));
            Assert.That(dealValue.GetProperty("before").GetDecimal(), Is.EqualTo(100m));
            Assert.That(dealValue.GetProperty("after").GetDecimal(), Is.EqualTo(250m));
            Assert.That(change.GetProperty("changes").TryGetProperty("currency", out _), Is.False, "unchanged fields are not listed");
        });
    }

    [Test]
    public async Task Audit_RecordsReviewDecisionsAndDeletion()
    {
        using var analyst = Api.Analyst(out _);
        var deal = await analyst.CreateDealAsync();
        var submitted = await (await analyst.PostAsync($"/api/v1/deals/{deal.Id()}/submit", null)).ReadJsonAsync();
        using var reviewer = Api.Reviewer(out var reviewerId);
        await (await reviewer.DecideAsync(submitted, "reject", "Wrong value")).ReadJsonAsync();

        var entries = (await (await analyst.GetAsync($"/api/v1/deals/{deal.Id()}/audit")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var rejection = entries.Last();
        Assert.That(rejection.GetProperty("actor").GetString(), Is.EqualTo(reviewerId.ToString()));
        Assert.That(rejection.GetProperty("changes").GetProperty("reviewStatus").GetProperty("after").GetString(), Is.EqualTo("rejected"));
        Assert.That(rejection.GetProperty("changes").GetProperty("reviewComment").GetProperty("after").GetString(), Is.EqualTo("Wrong value"));
    }

    [Test]
    public async Task Audit_OfUnknownDeal_Is404()
    {
        using var analyst = Api.Analyst(out _);
        await (await analyst.GetAsync($"/api/v1/deals/{Guid.NewGuid()}/audit")).AssertProblemAsync(HttpStatusCode.NotFound, "deal.not_found");
    }
}
