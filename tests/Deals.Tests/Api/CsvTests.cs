using System.Net;
using System.Text;
using System.Text.Json;
using Platform.Testing;

namespace Deals.Tests.Api;

public sealed class CsvTests
{
    private const string Header = "name,type,targetName,targetTicker,announcedOn,currency,dealValue,advisors,analystNotes";

    private static DealsApiFactory Api => DealsService.Factory;

    private static string NewTicker() => "C" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();

    private static StringContent Csv(string text, string mediaType = "text/csv") => new(text, Encoding.UTF8, mediaType);

    private static async Task<string> ExportAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/deals/export?" + query);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        return await response.Content.ReadAsStringAsync();
    }

    [Test]
    public async Task Export_QuotesPerRfc4180_AndNeutralisesFormulas()
    {
        using var analyst = Api.Analyst(out _);
        var ticker = NewTicker();
        await analyst.CreateDealAsync(d =>
        {
            d["targetTicker"] = ticker;
            d["name"] = "=HYPERLINK(\"http://evil\",\"click\")";
            d["targetName"] = "Widget, \"the best\" Inc.";
            d["acquirerName"] = "+1+2";
            d["industry"] = "-cmd";
            d["region"] = "@SUM(A1)";
            d["analystNotes"] = "line one\nline two";
        });

        var csv = await ExportAsync(analyst, $"ticker={ticker}");
        var lines = csv.Split("\r\n");
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.StartWith("id,name,type,stage,reviewStatus,targetName,"));
            Assert.That(csv, Does.Contain(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\","));
            Assert.That(csv, Does.Contain(",\"Widget, \"\"the best\"\" Inc.\","));
            Assert.That(csv, Does.Contain(",'+1+2,"));
            Assert.That(csv, Does.Contain(",'-cmd,"));
            Assert.That(csv, Does.Contain(",'@SUM(A1),"));
            Assert.That(csv, Does.Contain(",\"line one\nline two\","));
            Assert.That(csv, Does.EndWith("\r\n"));
        });
    }

    [Test]
    public async Task Export_ThenImport_RecreatesTheSameTerms()
    {
        using var analyst = Api.Analyst(out _);
        var ticker = NewTicker();
        var original = await analyst.CreateDealAsync(d =>
        {
            d["targetTicker"] = ticker;
            d["name"] = "-Tricky, \"quoted\" name";
            d["analystNotes"] = "=1+1\r\nsecond line, with \"quotes\"";
        });
        var csv = await ExportAsync(analyst, $"ticker={ticker}");

        var imported = await (await analyst.PostAsync("/api/v1/deals/import", Csv(csv))).ReadJsonAsync();
        Assert.That(imported.GetProperty("imported").GetInt32(), Is.EqualTo(1));
        var copyId = imported.GetProperty("dealIds")[0].GetString();
        var copy = await (await analyst.GetAsync($"/api/v1/deals/{copyId}")).ReadJsonAsync();

        foreach (var field in new[] { "name", "targetName", "announcedOn", "advisors", "tags", "analystNotes" })
        {
            Assert.That(copy.GetProperty(field).ToString(), Is.EqualTo(original.GetProperty(field).ToString()), field);
        }

        foreach (var field in new[] { "dealValue", "spread", "annualizedReturn", "probabilityOfClose", "breakFee" })
        {
            Assert.That(copy.GetProperty(field).GetDecimal(), Is.EqualTo(original.GetProperty(field).GetDecimal()), field);
        }
    }

    [Test]
    public async Task Import_WithBadRows_ImportsNothing_AndNamesEachLineAndField()
    {
        using var analyst = Api.Analyst(out _);
        var ticker = NewTicker();
        var csv = $"{Header}\r\n"
            + $"Good one,acquisition,Target A,{ticker},2026-01-05,USD,100,Lazard|Evercore,\r\n"
            + $"Bad value,merger,Target B,{ticker},2026-01-05,USD,lots,,\r\n"
            + $"Multi-line notes,acquisition,Target C,{ticker},2026-01-05,USD,100,,\"one\ntwo\"\r\n"
            + $"Bad currency,ipo,Target D,{ticker},not-a-date,ZZZ,100,,\r\n";

        var response = await analyst.PostAsync("/api/v1/deals/import", Csv(csv));
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "deal.import_invalid");
        var rows = problem.GetProperty("rows").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("invalidRowCount").GetInt32(), Is.EqualTo(2));
            Assert.That(rows.Select(r => r.GetProperty("line").GetInt32()), Is.EqualTo(new[] { 3, 6 }));
            Assert.That(rows[0].GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "dealValue" }));
            Assert.That(rows[1].GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "announcedOn", "currency" }));
        });

        var list = await (await analyst.GetAsync($"/api/v1/deals?ticker={ticker}")).ReadJsonAsync();
        Assert.That(list.GetProperty("totalCount").GetInt64(), Is.Zero, "all or nothing");
    }

    [Test]
    public async Task Import_ValidFile_CreatesEveryRowAsTheCallersDrafts()
    {
        using var analyst = Api.Analyst(out var analystId);
        var ticker = NewTicker();
        var csv = $"{Header}\n" + string.Join("\n", Enumerable.Range(1, 25).Select(i => $"Deal {i},merger,Target {i},{ticker},2026-02-{i:00},EUR,{i}000.5,,"));

        var result = await (await analyst.PostAsync("/api/v1/deals/import", Csv(csv))).ReadJsonAsync();
        Assert.That(result.GetProperty("imported").GetInt32(), Is.EqualTo(25));

        var list = await (await analyst.GetAsync($"/api/v1/deals?ticker={ticker}&pageSize=100")).ReadJsonAsync();
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items, Has.Count.EqualTo(25));
        Assert.That(items.All(d => d.GetProperty("ownerId").GetGuid() == analystId && d.GetProperty("reviewStatus").GetString() == "draft"), Is.True);
    }

    [Test]
    public async Task Import_UnknownOrMissingColumns_Is422OnTheHeaderLine()
    {
        using var analyst = Api.Analyst(out _);
        var problem = await (await analyst.PostAsync("/api/v1/deals/import", Csv("name,color\r\nx,red\r\n")))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "deal.import_invalid");
        var header = problem.GetProperty("rows")[0];
        Assert.That(header.GetProperty("line").GetInt32(), Is.EqualTo(1));
        Assert.That(header.GetProperty("errors").GetProperty("header").EnumerateArray().Select(e => e.GetString()),
            Has.Some.Contains("color").And.Some.Contains("'type' is required"));
    }

    [Test]
    public async Task Import_UnclosedQuote_Is422WithItsLine()
    {
        using var analyst = Api.Analyst(out _);
        var csv = $"{Header}\r\nOk,merger,T,{NewTicker()},2026-01-05,USD,1,,\r\n\"Broken,merger,T,X,2026-01-05,USD,1,,\r\n";
        var problem = await (await analyst.PostAsync("/api/v1/deals/import", Csv(csv))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "deal.import_invalid");
        Assert.That(problem.GetProperty("rows")[0].GetProperty("line").GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public async Task Import_HeaderOnly_Is422()
    {
        using var analyst = Api.Analyst(out _);
        await (await analyst.PostAsync("/api/v1/deals/import", Csv(Header + "\r\n"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "deal.import_empty");
    }

    [Test]
    public async Task Import_NotCsv_Is415()
    {
        using var analyst = Api.Analyst(out _);
        await (await analyst.PostAsync("/api/v1/deals/import", Csv("{}", "application/json"))).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type");
    }

    [Test]
    public async Task Import_ByReviewer_Is403()
    {
        using var reviewer = Api.Reviewer(out _);
        Assert.That((await reviewer.PostAsync("/api/v1/deals/import", Csv(Header))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Export_InvalidFilter_Is400Problem_NotAPartialFile()
    {
        using var analyst = Api.Analyst(out _);
        await (await analyst.GetAsync("/api/v1/deals/export?sort=secret")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    // PostgreSQL cannot take NUL in a text parameter, and says so only when the first row is read,
    // after the 200 would be sent. The shared request text rule refuses it before the export starts.
    [TestCase("sector=Tech%00nology", "sector")]
    [TestCase("tag=arb%00", "tag")]
    [TestCase("ticker=AB%00C", "ticker")]
    [TestCase("currency=US%00D", "currency")]
    [TestCase("q=glob%00ex", "q")]
    [TestCase("type=merger%00", "type")]
    [TestCase("sort=name%00", "sort")]
    public async Task Export_WithAControlCharacterInAFilter_Is400Problem_BeforeAnyByteIsSent(string query, string field)
    {
        using var analyst = Api.Analyst(out _);
        var response = await analyst.GetAsync("/api/v1/deals/export?" + query, HttpCompletionOption.ResponseHeadersRead);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.invalid_characters");
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }
}
