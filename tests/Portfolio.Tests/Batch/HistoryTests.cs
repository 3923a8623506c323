using System.Net;
using Portfolio.Application.Snapshots;

namespace Portfolio.Tests.Batch;

public sealed class HistoryTests
{
    [Test]
    public async Task History_OwnerRiskManagerAndAdminRead_OthersGet404()
    {
        using var owner = TestSupport.Factory.Analyst(out _);
        using var stranger = TestSupport.Factory.Analyst(out _);
        using var riskManager = TestSupport.Factory.RiskManager(out _);
        using var admin = TestSupport.Factory.Admin(out _);
        var book = Guid.Parse((await owner.CreatePortfolioAsync()).Id());
        var last = BatchSupport.NewDate();
        await TestSupport.Factory.WithDbAsync(async db =>
        {
            db.Set<PortfolioSnapshotRow>().AddRange(Enumerable.Range(0, 5).Select(i => new PortfolioSnapshotRow
            {
                PortfolioId = book, BusinessDate = last.AddDays(-i), AsOf = last.AddDays(-i), Currency = "EUR", MarketValue = 100m + i,
                FactorBetas = """{"market":0.9,"value":0.2}""", ComputedAt = DateTimeOffset.UtcNow,
            }));
            return await db.SaveChangesAsync();
        });
        var path = $"/api/v1/portfolios/{book}/history?from={last.AddDays(-3):yyyy-MM-dd}&to={last:yyyy-MM-dd}";

        foreach (var reader in new[] { owner, riskManager, admin })
        {
            var history = await reader.GetJsonAsync(path);
            var points = history.GetProperty("points").EnumerateArray().ToList();
            Assert.That(points.Select(p => p.Str("date")), Is.EqualTo(Enumerable.Range(0, 4).Reverse().Select(i => last.AddDays(-i).ToString("yyyy-MM-dd"))));
            Assert.That(points[^1].GetProperty("marketValue").GetDecimal(), Is.EqualTo(100m));
            Assert.That(points[^1].GetProperty("factorBetas").GetProperty("value").GetDecimal(), Is.EqualTo(0.2m));
            Assert.That(history.Str("currency"), Is.EqualTo("EUR"));
        }

        using var foreign = await stranger.GetAsync(path);
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound, "portfolio.not_found");
    }

    [TestCase("from=2026-13-01", "from")]
    [TestCase("from=yesterday", "from")]
    [TestCase("to=2026-02-30", "to")]
    [TestCase("from=2026-12-05&to=2026-12-01", "from")]
    [TestCase("from=2025-01-01&to=2026-12-01", "to")]
    public async Task History_InvalidRange_400NamingTheField(string query, string field)
    {
        using var owner = TestSupport.Factory.Analyst(out _);
        var book = (await owner.CreatePortfolioAsync()).Id();

        using var response = await owner.GetAsync($"/api/v1/portfolios/{book}/history?{query}");

        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Test]
    public async Task History_NulInTheQuery_400()
    {
        using var owner = TestSupport.Factory.Analyst(out _);
        var book = (await owner.CreatePortfolioAsync()).Id();

        using var response = await owner.GetAsync($"/api/v1/portfolios/{book}/history?to=2026-12-01%00");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.invalid_characters");
    }

    [Test]
    public async Task History_WithoutDates_TheLast90Days()
    {
        using var owner = TestSupport.Factory.Analyst(out _);
        var book = (await owner.CreatePortfolioAsync()).Id();

        var history = await owner.GetJsonAsync($"/api/v1/portfolios/{book}/history");

        var (from, to) = (DateOnly.Parse(history.Str("from")), DateOnly.Parse(history.Str("to")));
        Assert.That(to.DayNumber - from.DayNumber, Is.EqualTo(89));
        Assert.That(history.GetProperty("points").GetArrayLength(), Is.Zero);
    }
}
