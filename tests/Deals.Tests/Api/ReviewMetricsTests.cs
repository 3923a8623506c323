using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Deals.Tests.Api;

/// <summary>The review workflow's counters, as an operator's dashboard would read them.</summary>
public sealed class ReviewMetricsTests
{
    private static DealsApiFactory Api => DealsService.Factory;

    private static MetricCollector<long> Collect(string instrument) =>
        new(Api.Services.GetRequiredService<IMeterFactory>(), "Platform.Deals", instrument);

    private static long Total(MetricCollector<long> collector) => collector.GetMeasurementSnapshot().Sum(m => m.Value);

    [Test]
    public async Task SubmitApproveReject_ThroughTheApi_CountEachSavedTransition()
    {
        using var submitted = Collect("platform.deals.submitted");
        using var approved = Collect("platform.deals.approved");
        using var rejected = Collect("platform.deals.rejected");
        using var analyst = Api.Analyst(out _);
        using var reviewer = Api.Reviewer(out _);

        var toApprove = (await analyst.CreateDealAsync()).Id();
        var toReject = (await analyst.CreateDealAsync()).Id();
        var pending = await (await analyst.PostAsync($"/api/v1/deals/{toApprove}/submit", null)).ReadJsonAsync();
        var alsoPending = await (await analyst.PostAsync($"/api/v1/deals/{toReject}/submit", null)).ReadJsonAsync();
        await (await reviewer.DecideAsync(pending, "approve")).ReadJsonAsync();
        await (await reviewer.DecideAsync(alsoPending, "reject", "Fix the break fee.")).ReadJsonAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Total(submitted), Is.EqualTo(2));
            Assert.That(Total(approved), Is.EqualTo(1));
            Assert.That(Total(rejected), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task RefusedTransitions_AreNotCounted()
    {
        using var submitted = Collect("platform.deals.submitted");
        using var approved = Collect("platform.deals.approved");
        using var analyst = Api.Analyst(out _);
        using var reviewer = Api.Reviewer(out _);
        var draft = await analyst.CreateDealAsync();

        // A draft cannot be approved, and a stale version cannot be submitted.
        var approve = await reviewer.DecideAsync(draft, "approve");
        var submit = await analyst.SendAsync(HttpMethod.Post, $"/api/v1/deals/{draft.Id()}/submit", "\"999\"");

        Assert.Multiple(() =>
        {
            Assert.That(approve.IsSuccessStatusCode, Is.False);
            Assert.That(submit.IsSuccessStatusCode, Is.False);
            Assert.That(Total(submitted), Is.Zero);
            Assert.That(Total(approved), Is.Zero);
        });
    }
}
