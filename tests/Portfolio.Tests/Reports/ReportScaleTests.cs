using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Portfolio.Application.Market;
using Portfolio.Application.Persistence;
using Portfolio.Tests.Risk;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Reports;

/// <summary>A 1,000-position book: both reports finish well inside the job's timeout, and the PDF holds every position.</summary>
public sealed class ReportScaleTests
{
    private const int Positions = 1000;
    private const int Days = 60;
    private static readonly string[] Sectors = ["Information Technology", "Energy", "Financials", "Health Care", "Industrials", "Utilities", "Materials", "Real Estate"];

    [Test]
    public async Task ThousandPositions_BothReportsSucceed_AndTheirTimesAreReported()
    {
        var symbols = await SeedAsync();
        using var analyst = Factory.Analyst(out _);
        var portfolio = await analyst.CreatePortfolioAsync(p => p["baseCurrency"] = "USD");
        var csv = new StringBuilder("symbol,quantity,entryPrice,entryDate,tags\n");
        for (var i = 0; i < symbols.Count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{symbols[i]},{(i % 7 == 0 ? -50 : 100 + i)},20,2026-03-02,book{i % 5}\n");
        }

        using (var upload = await analyst.PostAsync($"/api/v1/portfolios/{portfolio.Id()}/positions/upload", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv")))
        {
            Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.OK), await upload.Content.ReadAsStringAsync());
        }

        await analyst.CalculateAsync(portfolio.Id());

        foreach (var kind in new[] { "portfolioSummary", "riskReport" })
        {
            var clock = Stopwatch.StartNew();
            var report = await analyst.GeneratedAsync(kind, portfolio.Id());
            var requestToSucceeded = clock.Elapsed;
            var pdf = await analyst.DownloadedAsync(report, "pdf");
            var generation = report.GetProperty("finishedAt").GetDateTimeOffset() - report.GetProperty("startedAt").GetDateTimeOffset();
            var (pages, text, _) = ReportSupport.ReadPdf(pdf);
            await TestContext.Out.WriteLineAsync(
                $"{kind}, {Positions} positions: generation {generation.TotalSeconds:F2} s (job start to files stored), request to succeeded {requestToSucceeded.TotalSeconds:F2} s, PDF {pdf.Length:N0} bytes, {pages} pages");
            Assert.That(generation, Is.LessThan(TimeSpan.FromSeconds(30)));
            if (kind == "portfolioSummary")
            {
                Assert.That(text, Does.Contain(symbols[0]).And.Contain(symbols[^1]), "every position is listed");
            }
        }
    }

    // Instruments and closes written directly, as the sync would, in two round trips.
    private static async Task<List<string>> SeedAsync()
    {
        var prefix = "Y" + Guid.NewGuid().ToString("N")[..2].ToUpperInvariant();
        var symbols = Enumerable.Range(0, Positions).Select(i => prefix + i.ToString("000", CultureInfo.InvariantCulture)).ToList();
        var dates = MarketSeed.WeekdaysEndingOn(MarketSeed.LastDate, Days);
        var now = DateTimeOffset.UtcNow;
        await Factory.WithDbAsync(async db =>
        {
            db.Instruments.AddRange(symbols.Select((s, i) => new InstrumentRow
            {
                Symbol = s, Name = $"{s} Inc.", Type = "equity", Sector = Sectors[i % Sectors.Length], Currency = "USD", HistorySyncedAt = now, UpdatedAt = now,
            }));
            await db.SaveChangesAsync();
            return await db.UpsertAsync([.. symbols.SelectMany((s, i) => dates.Select((d, day) => new ClosePriceRow
            {
                Symbol = s, Date = d, Close = 20m + (i % 13) + (((day * (i + 3)) % 11) / 10m), AdjustedClose = 20m + (i % 13) + (((day * (i + 3)) % 11) / 10m),
                Currency = "USD", UpdatedAt = now,
            }))], CancellationToken.None);
        });
        return symbols;
    }
}
