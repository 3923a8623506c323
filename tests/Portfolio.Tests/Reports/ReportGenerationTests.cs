using System.Net;
using System.Text.Json;
using Portfolio.Tests.Risk;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Reports;

/// <summary>Reports generated on the job runner, downloaded, and checked against the service's own figures.</summary>
public sealed class ReportGenerationTests
{
    /// <summary>Two stocks in two sectors, tagged, with 40 days of history and one recorded calculation.</summary>
    private static async Task<(HttpClient Client, string PortfolioId, string Tech, string Energy)> BookAsync()
    {
        var (tech, energy) = (MarketSeed.NewSymbol(), MarketSeed.NewSymbol());
        var returns = Enumerable.Range(0, 40).Select(i => (i % 3 - 1) * 0.01m).ToArray();
        await MarketSeed.SeedAsync(tech, "USD", MarketSeed.FromReturns(100m, returns), "Information Technology");
        await MarketSeed.SeedAsync(energy, "USD", MarketSeed.FromReturns(50m, [.. returns.Reverse()]), "Energy");
        var client = Factory.Analyst(out _);
        var portfolio = await client.CreatePortfolioAsync(p => p["baseCurrency"] = "USD");
        await client.AddPositionAsync(portfolio.Id(), tech, 100, 90m, tags: ["core"]);
        await client.AddPositionAsync(portfolio.Id(), energy, -200, 55m, tags: ["=hedge"]);
        await client.CalculateAsync(portfolio.Id());
        return (client, portfolio.Id(), tech, energy);
    }

    [Test]
    public async Task PortfolioSummary_Succeeds_AndItsCsvMatchesTheExposures()
    {
        var (client, portfolioId, tech, energy) = await BookAsync();
        using var _ = client;

        var report = await client.GeneratedAsync("portfolioSummary", portfolioId);
        var csv = await client.DownloadedAsync(report, "csv");

        Assert.That(report.GetProperty("progress").GetProperty("done").GetInt32(), Is.EqualTo(report.GetProperty("progress").GetProperty("total").GetInt32()));

        var exposures = await client.GetJsonAsync($"/api/v1/portfolios/{portfolioId}/exposures");
        var blocks = await ReportSupport.CsvBlocksAsync(csv);
        var totals = blocks.Rows("Totals").ToDictionary(r => r["figure"], r => r["value"]);
        foreach (var figure in new[] { "marketValue", "long", "short", "net", "gross", "notional" })
        {
            Assert.That(decimal.Parse(totals[figure], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(exposures.GetProperty("total").Dec(figure)), figure);
        }

        var sectors = blocks.Rows("Exposure by sector").ToDictionary(r => r["group"]);
        foreach (var group in exposures.GetProperty("bySector").EnumerateArray())
        {
            Assert.That(sectors[group.Str("key")].Dec("gross"), Is.EqualTo(group.GetProperty("exposure").Dec("gross")), group.Str("key"));
            Assert.That(sectors[group.Str("key")].Dec("net"), Is.EqualTo(group.GetProperty("exposure").Dec("net")), group.Str("key"));
        }

        var positions = blocks.Rows("Positions").ToDictionary(r => r["symbol"]);
        foreach (var position in exposures.GetProperty("byPosition").EnumerateArray())
        {
            Assert.That(positions[position.Str("symbol")].Dec("marketValue"), Is.EqualTo(position.Dec("marketValue")));
        }

        Assert.That(blocks.Rows("Exposure by tag").Select(r => r["group"]), Is.EquivalentTo(new[] { "core", "'=hedge" }), "a tag that looks like a formula is made inert");
        Assert.That(blocks.Rows("Top names").Select(r => r["group"]), Is.EquivalentTo(new[] { tech, energy }));
        Assert.That(blocks.Rows("P&L history"), Has.Count.EqualTo(1), "one recorded calculation today");
    }

    [Test]
    public async Task PortfolioSummary_Pdf_HasItsPagesTextAndCharts()
    {
        var (client, portfolioId, tech, _) = await BookAsync();
        using var _ = client;
        var report = await client.GeneratedAsync("portfolioSummary", portfolioId);

        var pdf = await client.DownloadedAsync(report, "pdf");

        var (pages, text, paths) = ReportSupport.ReadPdf(pdf);
        Assert.That(pages, Is.GreaterThanOrEqualTo(1));
        Assert.That(text, Does.Contain("Portfolio summary").And.Contain("Net exposure by sector").And.Contain("P&L history").And.Contain(tech));
        Assert.That(paths, Is.GreaterThan(10), "the charts are drawn as vector paths");
    }

    [Test]
    public async Task RiskReport_HasVaRLimitsWithHeadroomStressAndHistory()
    {
        var (client, portfolioId, _, _) = await BookAsync();
        using var _ = client;
        var recorded = await client.GetJsonAsync($"/api/v1/risk/portfolios/{portfolioId}");

        var report = await client.GeneratedAsync("riskReport", portfolioId);
        var csv = await client.DownloadedAsync(report, "csv");
        var pdf = await client.DownloadedAsync(report, "pdf");

        var blocks = await ReportSupport.CsvBlocksAsync(csv);
        var var99 = blocks.Rows("Value at risk").Single(r => r["method"] == "historical" && r["confidence"] == "0.99" && r["horizonDays"] == "1");
        Assert.That(var99.Dec("valueAtRisk"), Is.EqualTo(recorded.GetProperty("report").Tail("historical", 0.99m, 1).Dec("valueAtRisk")),
            "the same prices give the recorded calculation's VaR");
        var limits = blocks.Rows("Limits");
        Assert.That(limits.Select(l => l["limit"]), Is.SupersetOf(new[] { "grossExposure", "valueAtRisk" }));
        Assert.That(limits.All(l => l.Dec("headroom") == l.Dec("threshold") - l.Dec("actual")), Is.True);
        var stress = blocks.Rows("Stress scenarios");
        Assert.That(stress.Count(s => s["scenario"].StartsWith("every underlying", StringComparison.Ordinal)), Is.EqualTo(5));
        Assert.That(stress.Count(s => s["scenario"] == "worst historical day"), Is.EqualTo(5));
        Assert.That(blocks.Rows("Factor betas"), Is.Not.Empty);
        Assert.That(blocks.Rows("Recorded calculations").Single().Dec("valueAtRisk99OneDay"), Is.EqualTo(recorded.GetProperty("report").Dec("valueAtRisk99OneDay")));
        var (pages, text, paths) = ReportSupport.ReadPdf(pdf);
        Assert.That(pages, Is.GreaterThanOrEqualTo(1));
        Assert.That(text, Does.Contain("Risk report").And.Contain("VaR history").And.Contain("Stress scenarios").And.Contain("Limits"));
        Assert.That(paths, Is.GreaterThan(10));
    }

    [Test]
    public async Task History_IsTheLastCalculationOfEachDayInThePeriod()
    {
        var (client, portfolioId, _, _) = await BookAsync();
        using var _ = client;
        var today = DateTime.UtcNow.Date;
        await Factory.WithDbAsync(async db =>
        {
            foreach (var (daysAgo, hour, valueAtRisk) in new[] { (1, 10, 111m), (1, 15, 222m), (3, 9, 333m), (40, 12, 444m) })
            {
                db.Calculations.Add(new Portfolio.Application.Persistence.RiskCalculationRow
                {
                    Id = Guid.NewGuid(), PortfolioId = Guid.Parse(portfolioId), CalculatedAt = new DateTimeOffset(today.AddDays(-daysAgo).AddHours(hour), TimeSpan.Zero),
                    CalculatedBy = "test", AsOf = MarketSeed.LastDate, Currency = "USD", MarketValue = 1000m + daysAgo, ValueAtRisk99OneDay = valueAtRisk,
                });
            }

            return await db.SaveChangesAsync();
        });
        var from = DateOnly.FromDateTime(today.AddDays(-10)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var requested = await client.RequestReportAsync("riskReport", portfolioId, from);
        var report = await client.FinishedAsync(requested.Id());
        var blocks = await ReportSupport.CsvBlocksAsync(await client.DownloadedAsync(report, "csv"));

        var history = blocks.Rows("Recorded calculations");
        Assert.That(history.Select(h => h.Dec("valueAtRisk99OneDay")).Take(2), Is.EqualTo(new[] { 333m, 222m }),
            "one row a day, the day's last; the calculation 40 days ago is before the period");
        Assert.That(history, Has.Count.EqualTo(3), "and today's");
        Assert.That(blocks.Rows("VaR history").Select(p => p["valueAtRisk"]).Take(2), Is.EqualTo(new[] { "333", "222" }));
        Assert.That(blocks.Rows("P&L history").Select(p => p["profitAndLoss"]).Take(2), Is.EqualTo(new[] { "0", "-2" }), "market value change since the first point");
    }

    [Test]
    public async Task History_PrefersTheBatchSnapshotOfADay_OverThatDaysCalculations()
    {
        var (client, portfolioId, _, _) = await BookAsync();
        using var _ = client;
        var today = DateTime.UtcNow.Date;
        var (twoDaysAgo, fiveDaysAgo) = (today.AddDays(-2), today.AddDays(-5));
        await Factory.WithDbAsync(async db =>
        {
            foreach (var (day, valueAtRisk) in new[] { (twoDaysAgo, 111m), (fiveDaysAgo, 555m) })
            {
                db.Calculations.Add(new Portfolio.Application.Persistence.RiskCalculationRow
                {
                    Id = Guid.NewGuid(), PortfolioId = Guid.Parse(portfolioId), CalculatedAt = new DateTimeOffset(day.AddHours(12), TimeSpan.Zero),
                    CalculatedBy = "test", AsOf = MarketSeed.LastDate, Currency = "USD", MarketValue = 1000m, ValueAtRisk99OneDay = valueAtRisk,
                });
            }

            db.Set<Portfolio.Application.Snapshots.PortfolioSnapshotRow>().Add(new Portfolio.Application.Snapshots.PortfolioSnapshotRow
            {
                PortfolioId = Guid.Parse(portfolioId), BusinessDate = DateOnly.FromDateTime(twoDaysAgo), AsOf = MarketSeed.LastDate, Currency = "USD",
                MarketValue = 1200m, ValueAtRisk99OneDay = 222m, JobId = Guid.NewGuid(), ComputedAt = new DateTimeOffset(twoDaysAgo.AddHours(22), TimeSpan.Zero),
            });
            return await db.SaveChangesAsync();
        });
        var from = DateOnly.FromDateTime(today.AddDays(-10)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var requested = await client.RequestReportAsync("riskReport", portfolioId, from);
        var report = await client.FinishedAsync(requested.Id());
        var blocks = await ReportSupport.CsvBlocksAsync(await client.DownloadedAsync(report, "csv"));

        Assert.That(blocks.Rows("VaR history").Select(p => p["valueAtRisk"]).Take(2), Is.EqualTo(new[] { "555", "222" }),
            "five days ago only a calculation; two days ago the snapshot wins over that day's calculation");
    }

    [Test]
    public async Task RiskReport_OfAnEmptyPortfolio_FailsWithAClearError()
    {
        using var client = Factory.Analyst(out _);
        var portfolio = await client.CreatePortfolioAsync();

        var requested = await client.RequestReportAsync("riskReport", portfolio.Id());
        var finished = await client.FinishedAsync(requested.Id());

        Assert.That(finished.Str("status"), Is.EqualTo("failed"));
        Assert.That(finished.Str("error"), Is.EqualTo("The portfolio has no positions: there is no risk to report."));
        Assert.That(finished.GetProperty("finishedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(finished.GetProperty("files").GetArrayLength(), Is.Zero);
        var (response, _) = await client.DownloadAsync(requested.Id(), "pdf");
        await response.AssertProblemAsync(HttpStatusCode.Conflict, "report.failed");
    }

    [Test]
    public async Task Summary_OfAnEmptyPortfolio_SucceedsWithZeroes()
    {
        using var client = Factory.Analyst(out _);
        var portfolio = await client.CreatePortfolioAsync();

        var report = await client.GeneratedAsync("portfolioSummary", portfolio.Id());

        var csv = await client.DownloadedAsync(report, "csv");
        var totals = (await ReportSupport.CsvBlocksAsync(csv)).Rows("Totals").ToDictionary(r => r["figure"], r => r["value"]);
        Assert.That(totals["positions"], Is.EqualTo("0"));
        Assert.That(totals["marketValue"], Is.EqualTo("0"));
    }

    [Test]
    public async Task Delete_RemovesTheReportAndItsFiles()
    {
        using var client = Factory.Analyst(out _);
        var portfolio = await client.CreatePortfolioAsync();
        var report = await client.GeneratedAsync("portfolioSummary", portfolio.Id());

        using var deleted = await client.DeleteAsync($"/api/v1/reports/{report.Id()}");

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var after = await client.GetAsync($"/api/v1/reports/{report.Id()}");
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
