using System.Net;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Outbox;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Risk;

/// <summary>Historical and delta-normal VaR of a one-stock book, whose 40 scenarios are checked by hand, and the limit that breaks once.</summary>
public sealed class ValueAtRiskTests
{
    // 41 closes between 95 and 105: 40 daily returns, the scenarios.
    private static readonly decimal[] Closes = [.. Enumerable.Range(0, 41).Select(i => 100m + ((i * 7) % 11) - 5)];

    [Test]
    public async Task HistoricalVar_IsTheLossInTheWorstScenarios_AppliedToTodaysBook()
    {
        var symbol = MarketSeed.NewSymbol();
        await MarketSeed.SeedAsync(symbol, "USD", Closes);
        using var manager = Factory.RiskManager(out _);
        var portfolio = await manager.CreatePortfolioAsync(p => (p["baseCurrency"], p["limits"]) = ("USD", null));
        await manager.AddPositionAsync(portfolio.Id(), symbol, 100, 90);

        var report = await manager.CalculateAsync(portfolio.Id());

        // Each scenario moves today's close by one past day's return: P&L = 100 × S × r. With 40 scenarios the 95%
        // tail holds ⌈40 × 0.05⌉ = 2 of them (VaR: the 2nd worst loss; ES: the mean of the 2), the 99% tail 1.
        var spot = (double)Closes[^1];
        var losses = Enumerable.Range(1, 40).Select(i => -100 * spot * (((double)Closes[i] / (double)Closes[i - 1]) - 1)).OrderDescending().ToArray();
        var returns = Enumerable.Range(1, 40).Select(i => ((double)Closes[i] / (double)Closes[i - 1]) - 1).ToArray();
        var mean = returns.Average();
        var sigma = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / 39);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.GetProperty("risk").GetProperty("window").GetProperty("scenarios").GetInt32(), Is.EqualTo(40));
            Assert.That(report.Tail("historical", 0.95m, 1).Dec("valueAtRisk"), Is.EqualTo(Cents(losses[1])));
            Assert.That(report.Tail("historical", 0.95m, 1).Dec("expectedShortfall"), Is.EqualTo(Cents((losses[0] + losses[1]) / 2)));
            Assert.That(report.Tail("historical", 0.99m, 1).Dec("valueAtRisk"), Is.EqualTo(Cents(losses[0])));
            Assert.That(report.Tail("historical", 0.99m, 10).Dec("valueAtRisk"), Is.EqualTo(Cents(losses[0] * Math.Sqrt(10))));
            // Delta-normal: |exposure| × σ × z(99%).
            Assert.That((double)report.Tail("parametric", 0.99m, 1).Dec("valueAtRisk"), Is.EqualTo(100 * spot * sigma * 2.3263478740).Within(0.01));
            Assert.That(report.GetProperty("exposure").Dec("gross"), Is.EqualTo(100 * Closes[^1]));
        }

        var recorded = await manager.GetJsonAsync($"/api/v1/risk/portfolios/{portfolio.Id()}");
        Assert.That(recorded.GetProperty("report").Str("calculationId"), Is.EqualTo(report.Str("calculationId")));
        Assert.That(recorded.GetProperty("inputs").GetProperty("priceDates").GetProperty(symbol).GetString(), Is.EqualTo("2026-12-04"));
        Assert.That(recorded.GetProperty("inputs").GetProperty("parameters").GetProperty("scenarios").GetInt32(), Is.EqualTo(500));
    }

    [Test]
    public async Task BrokenLimit_IsAnnouncedOnce_WhileItStaysBroken_AndAgainAfterItWasBackInside()
    {
        var symbol = MarketSeed.NewSymbol();
        await MarketSeed.SeedAsync(symbol, "USD", Closes);
        using var owner = Factory.Analyst(out _);
        var portfolio = await owner.CreatePortfolioAsync(p =>
            (p["baseCurrency"], p["limits"]) = ("USD", new Dictionary<string, object?> { ["grossExposure"] = 5_000m }));
        await owner.AddPositionAsync(portfolio.Id(), symbol, 100, 90);

        var first = await owner.CalculateAsync(portfolio.Id());
        await owner.CalculateAsync(portfolio.Id());
        var limit = first.GetProperty("limits").EnumerateArray().Single();
        Assert.That((limit.Str("limit"), limit.GetProperty("breached").GetBoolean(), limit.Dec("actual")), Is.EqualTo(("grossExposure", true, 100 * Closes[^1])));
        Assert.That(await BreachesAnnouncedAsync(portfolio.Id()), Is.EqualTo(1), "two calculations, one breach");

        await SetGrossLimitAsync(owner, portfolio.Id(), 1_000_000m);
        await owner.CalculateAsync(portfolio.Id());
        await SetGrossLimitAsync(owner, portfolio.Id(), 5_000m);
        await owner.CalculateAsync(portfolio.Id());
        Assert.That(await BreachesAnnouncedAsync(portfolio.Id()), Is.EqualTo(2), "back inside, then broken again: a second breach");
        Assert.That(await Factory.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m =>
            m.MessageType == "Platform.Contracts.Portfolio.PortfolioRiskCalculated" && m.AggregateId == Guid.Parse(portfolio.Id()))), Is.EqualTo(4));
    }

    [Test]
    public async Task Calculating_AnEmptyPortfolio_Is422_AndSomeoneElses_Is404()
    {
        using var owner = Factory.Analyst(out _);
        using var stranger = Factory.Analyst(out _);
        var portfolio = await owner.CreatePortfolioAsync();

        using var empty = await owner.PostAsync($"/api/v1/risk/portfolios/{portfolio.Id()}/calculate", null);
        using var foreign = await stranger.PostAsync($"/api/v1/risk/portfolios/{portfolio.Id()}/calculate", null);
        using var none = await owner.GetAsync($"/api/v1/risk/portfolios/{portfolio.Id()}");

        await empty.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "risk.empty_portfolio");
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound, "portfolio.not_found");
        await none.AssertProblemAsync(HttpStatusCode.NotFound, "risk.not_calculated");
    }

    private static decimal Cents(double amount) => Math.Round((decimal)amount, 2, MidpointRounding.AwayFromZero);

    private static Task<int> BreachesAnnouncedAsync(string portfolioId) =>
        Factory.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m =>
            m.MessageType == "Platform.Contracts.Portfolio.RiskLimitBreached" && m.AggregateId == Guid.Parse(portfolioId)));

    private static async Task SetGrossLimitAsync(HttpClient owner, string portfolioId, decimal limit)
    {
        var current = await owner.GetJsonAsync($"/api/v1/portfolios/{portfolioId}");
        using var response = await owner.SendAsync(HttpMethod.Put, $"/api/v1/portfolios/{portfolioId}", await owner.ETagOfAsync(portfolioId), new
        {
            name = current.Str("name"), baseCurrency = "USD", limits = new { grossExposure = limit },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }
}
