using System.Net;
using System.Net.Http.Json;
using Portfolio.Tests.Modeling;
using Portfolio.Tests.Risk;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Reports;

/// <summary>The what-if comparison report: a saved scenario's before and after, exactly as the scenario recorded them, for its owner only.</summary>
public sealed class WhatIfComparisonReportTests
{
    [Test]
    public async Task Comparison_PrintsTheScenariosBeforeAfterAndChange()
    {
        using var owner = Factory.Analyst(out _);
        var (symbol, portfolio, sessionId, etag) = await owner.StartAsync();
        await owner.AddPositionAsync(portfolio.Id(), symbol, 20, 100);
        await owner.AddTradeAsync(sessionId, etag, new { symbol, quantity = 10 });
        var scenario = await owner.SaveScenarioAsync(sessionId, "add ten");

        var requested = await RequestAsync(owner, portfolio.Id(), scenario.Str("id"));
        var report = await owner.FinishedAsync(requested.Id());
        Assert.That(report.Str("status"), Is.EqualTo("succeeded"), report.ToString());
        var blocks = await ReportSupport.CsvBlocksAsync(await owner.DownloadedAsync(report, "csv"));
        var figures = blocks.Rows("Before and after").ToDictionary(r => r["figure"]);

        var impacts = scenario.GetProperty("impacts");
        using (Assert.EnterMultipleScope())
        {
            // 20 held and 10 more of the same stock: the book grows by half, whatever the base currency's rate.
            Assert.That(figures["marketValue"].Dec("before"), Is.EqualTo(impacts.GetProperty("before").GetProperty("exposure").Dec("marketValue")));
            Assert.That(figures["marketValue"].Dec("after"), Is.EqualTo(figures["marketValue"].Dec("before") * 1.5m));
            Assert.That(figures["marketValue"].Dec("change"), Is.EqualTo(figures["marketValue"].Dec("before") / 2));
            Assert.That(figures["net"].Dec("change"), Is.EqualTo(impacts.GetProperty("change").Dec("net")));
            Assert.That(figures["valueAtRisk99OneDay"].Dec("after"), Is.EqualTo(impacts.GetProperty("after").Dec("valueAtRisk")));
            Assert.That(blocks.Rows("Trades").Single()["symbol"], Is.EqualTo(symbol));
        }

        var pdf = ReportSupport.ReadPdf(await owner.DownloadedAsync(report, "pdf"));
        Assert.That(pdf.Text, Does.Contain("What-if comparison").And.Contain("add ten"));
    }

    [Test]
    public async Task Comparison_OfSomeoneElsesScenario_IsNotFound_AndWithoutAScenarioIsInvalid()
    {
        using var owner = Factory.Analyst(out _);
        using var manager = Factory.RiskManager(out _);
        var (symbol, portfolio, sessionId, etag) = await owner.StartAsync();
        await owner.AddTradeAsync(sessionId, etag, new { symbol, quantity = 1 });
        var scenario = await owner.SaveScenarioAsync(sessionId, "mine");

        // A risk manager reads the portfolio, but the scenario is the analyst's alone.
        using var foreign = await manager.PostAsJsonAsync("/api/v1/reports", new { kind = "whatIfComparison", portfolioId = portfolio.Id(), scenarioId = scenario.Str("id") });
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound, "modeling.scenario_not_found");
        using var missing = await owner.PostAsJsonAsync("/api/v1/reports", new { kind = "whatIfComparison", portfolioId = portfolio.Id() });
        await missing.AssertProblemAsync(HttpStatusCode.BadRequest);
        using var misplaced = await owner.PostAsJsonAsync("/api/v1/reports", new { kind = "riskReport", portfolioId = portfolio.Id(), scenarioId = scenario.Str("id") });
        await misplaced.AssertProblemAsync(HttpStatusCode.BadRequest);
        var other = await owner.CreatePortfolioAsync();
        using var wrongPortfolio = await owner.PostAsJsonAsync("/api/v1/reports", new { kind = "whatIfComparison", portfolioId = other.Id(), scenarioId = scenario.Str("id") });
        await wrongPortfolio.AssertProblemAsync(HttpStatusCode.NotFound, "modeling.scenario_not_found");
    }

    private static async Task<System.Text.Json.JsonElement> RequestAsync(HttpClient client, string portfolioId, string scenarioId)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/reports", new { kind = "whatIfComparison", portfolioId, scenarioId });
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), text);
        return System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
    }
}
