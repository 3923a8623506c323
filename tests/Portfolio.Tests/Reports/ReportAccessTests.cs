using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Portfolio.Application.Reports;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Reports;

/// <summary>Who may request and see a report, what is refused, and what happens before it is ready.</summary>
public sealed class ReportAccessTests
{
    [Test]
    public async Task SomeoneElsesReport_Is404ToAnotherAnalystARiskManagerAndAnAdmin()
    {
        using var owner = Factory.Analyst(out _);
        var portfolio = await owner.CreatePortfolioAsync();
        var report = await owner.GeneratedAsync("portfolioSummary", portfolio.Id());
        using var analyst = Factory.Analyst(out _);
        using var riskManager = Factory.RiskManager(out _);
        using var admin = Factory.Admin(out _);

        foreach (var other in new[] { analyst, riskManager, admin })
        {
            foreach (var path in new[] { $"/api/v1/reports/{report.Id()}", $"/api/v1/reports/{report.Id()}/download?format=pdf", $"/api/v1/reports/{report.Id()}/download?format=csv" })
            {
                using var response = await other.GetAsync(path);
                await response.AssertProblemAsync(HttpStatusCode.NotFound, "report.not_found");
            }

            using var deleted = await other.DeleteAsync($"/api/v1/reports/{report.Id()}");
            await deleted.AssertProblemAsync(HttpStatusCode.NotFound, "report.not_found");
            var list = await other.GetJsonAsync("/api/v1/reports");
            Assert.That(list.Items().Select(r => r.Id()), Does.Not.Contain(report.Id()));
        }
    }

    [Test]
    public async Task ARiskManager_MayReportOnSomeoneElsesPortfolio_AndTheReportIsTheirs()
    {
        using var owner = Factory.Analyst(out _);
        var portfolio = await owner.CreatePortfolioAsync();
        using var riskManager = Factory.RiskManager(out _);

        var report = await riskManager.GeneratedAsync("portfolioSummary", portfolio.Id());

        using var ownerView = await owner.GetAsync($"/api/v1/reports/{report.Id()}");
        Assert.That(ownerView.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the portfolio's owner did not request it");
    }

    [Test]
    public async Task RequestingOnAPortfolioYouMayNotRead_Is404()
    {
        using var owner = Factory.Analyst(out _);
        var portfolio = await owner.CreatePortfolioAsync();
        using var analyst = Factory.Analyst(out _);

        using var response = await analyst.PostAsJsonAsync("/api/v1/reports", new { kind = "portfolioSummary", portfolioId = portfolio.Id() });

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "portfolio.not_found");
        Assert.That((await analyst.GetJsonAsync("/api/v1/reports")).Items(), Is.Empty);
    }

    [Test]
    public async Task List_ShowsOnlyYourOwn_NewestFirst_Paged()
    {
        using var analyst = Factory.Analyst(out _);
        var portfolio = await analyst.CreatePortfolioAsync();
        var first = await analyst.RequestReportAsync("portfolioSummary", portfolio.Id());
        var second = await analyst.RequestReportAsync("portfolioSummary", portfolio.Id());

        var page = await analyst.GetJsonAsync("/api/v1/reports?page=1&pageSize=1");

        Assert.That(page.GetProperty("totalCount").GetInt32(), Is.EqualTo(2));
        Assert.That(page.Items().Single().Id(), Is.EqualTo(second.Id()));
        var next = await analyst.GetJsonAsync("/api/v1/reports?page=2&pageSize=1");
        Assert.That(next.Items().Single().Id(), Is.EqualTo(first.Id()));
        using var tooBig = await analyst.GetAsync("/api/v1/reports?pageSize=500");
        await tooBig.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Download_BeforeTheReportIsReady_Is409()
    {
        using var analyst = Factory.Analyst(out var userId);
        var portfolio = await analyst.CreatePortfolioAsync();
        // A report whose job has not been picked up yet: written directly, so no worker can finish it first.
        var reportId = Guid.CreateVersion7();
        await Factory.WithDbAsync(async db =>
        {
            db.Set<ReportRow>().Add(new ReportRow
            {
                Id = reportId, Kind = "portfolioSummary", PortfolioId = Guid.Parse(portfolio.Id()), RequestedBy = userId, JobId = Guid.NewGuid(),
                From = new DateOnly(2026, 1, 1), To = new DateOnly(2026, 12, 4), Status = ReportStatus.Queued, CreatedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

        var status = await analyst.GetJsonAsync($"/api/v1/reports/{reportId}");
        var (response, _) = await analyst.DownloadAsync(reportId.ToString(), "pdf");

        Assert.That(status.Str("status"), Is.EqualTo("queued"));
        await response.AssertProblemAsync(HttpStatusCode.Conflict, "report.not_ready");
        using var deleted = await analyst.DeleteAsync($"/api/v1/reports/{reportId}");
        await deleted.AssertProblemAsync(HttpStatusCode.Conflict, "report.not_finished");
    }

    [Test]
    public async Task UnknownReport_Is404Everywhere()
    {
        using var analyst = Factory.Analyst(out _);
        var id = Guid.NewGuid();

        foreach (var path in new[] { $"/api/v1/reports/{id}", $"/api/v1/reports/{id}/download?format=csv" })
        {
            using var response = await analyst.GetAsync(path);
            await response.AssertProblemAsync(HttpStatusCode.NotFound, "report.not_found");
        }

        using var deleted = await analyst.DeleteAsync($"/api/v1/reports/{id}");
        await deleted.AssertProblemAsync(HttpStatusCode.NotFound, "report.not_found");
    }

    [TestCase("{\"kind\": \"whatIf\", \"portfolioId\": \"$P\"}", "kind")]
    [TestCase("{\"kind\": \"\", \"portfolioId\": \"$P\"}", "kind")]
    [TestCase("{\"kind\": \"portfolioSummary\"}", "portfolioId")]
    [TestCase("{\"kind\": \"portfolioSummary\", \"portfolioId\": \"$P\", \"from\": \"2026-12-01\", \"to\": \"2026-11-01\"}", "from")]
    [TestCase("{\"kind\": \"portfolioSummary\", \"portfolioId\": \"$P\", \"from\": \"1999-12-31\"}", "from")]
    [TestCase("{\"kind\": \"portfolioSummary\", \"portfolioId\": \"$P\", \"from\": \"2010-01-01\", \"to\": \"2026-01-01\"}", "to")]
    public async Task Request_WithInvalidInput_Is400NamingTheField(string json, string field)
    {
        var (analyst, response) = await PostAsync(json);
        using var _ = analyst;
        using var __ = response;

        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", field);
        Assert.That((await analyst.GetJsonAsync("/api/v1/reports")).Items(), Is.Empty);
    }

    [TestCase("{\"kind\": \"portfolioSummary\", \"portfolioId\": \"$P\", \"from\": \"2026-02-30\"}")]
    [TestCase("{\"kind\": \"portfolioSummary\", \"portfolioId\": \"$P\", \"to\": \"yesterday\"}")]
    [TestCase("{\"kind\": \"portfolioSummary\", \"portfolioId\": \"not-a-guid\"}")]
    [TestCase("{\"kind\": 7, \"portfolioId\": \"$P\"}")]
    [TestCase("not json")]
    public async Task Request_WithMalformedValues_Is400Problem(string json)
    {
        var (analyst, response) = await PostAsync(json);
        using var _ = analyst;
        using var __ = response;

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [TestCase("portfolio\u0000Summary")]
    [TestCase("portfolio\u0007Summary")]
    [TestCase("portfolioSummary\n")]
    public async Task Request_WithControlCharactersInTheKind_Is400NamingIt(string kind)
    {
        var (analyst, response) = await PostAsync(JsonSerializer.Serialize(new { kind, portfolioId = "$P" }));
        using var _ = analyst;
        using var __ = response;

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.That(errors, Has.Some.EqualTo("kind").Or.Some.EqualTo("$.kind"), problem.ToString());
        Assert.That((await analyst.GetJsonAsync("/api/v1/reports")).Items(), Is.Empty);
    }

    /// <summary>Posts <paramref name="json"/> as a new analyst, with <c>$P</c> replaced by a portfolio of theirs.</summary>
    private static async Task<(HttpClient Analyst, HttpResponseMessage Response)> PostAsync(string json)
    {
        var analyst = Factory.Analyst(out _);
        var portfolio = await analyst.CreatePortfolioAsync();
        var body = new StringContent(json.Replace("$P", portfolio.Id(), StringComparison.Ordinal), Encoding.UTF8, "application/json");
        return (analyst, await analyst.PostAsync("/api/v1/reports", body));
    }

    [TestCase("xls")]
    [TestCase("")]
    [TestCase("PDF")]
    public async Task Download_InAnUnknownFormat_Is400(string format)
    {
        using var analyst = Factory.Analyst(out _);
        var portfolio = await analyst.CreatePortfolioAsync();
        var report = await analyst.GeneratedAsync("portfolioSummary", portfolio.Id());

        using var response = await analyst.GetAsync($"/api/v1/reports/{report.Id()}/download?format={format}");

        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", "format");
    }

    [Test]
    public async Task AReviewer_MayNotRequestReports()
    {
        using var reviewer = Factory.Reviewer(out _);

        using var response = await reviewer.PostAsJsonAsync("/api/v1/reports", new { kind = "portfolioSummary", portfolioId = Guid.NewGuid() });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
