using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Testing;

namespace Deals.Tests.Api;

/// <summary>
/// The shared client text rule and paging rule as the deals service applies them: text the database
/// cannot hold, or that is not text at all, and page numbers whose offset overflows are 400s naming
/// the field, never 500s, and nothing is stored.
/// </summary>
public sealed class InputHygieneTests
{
    private const string CsvHeader = "name,type,targetName,targetTicker,announcedOn,currency,dealValue,advisors,analystNotes";

    private static DealsApiFactory Api => DealsService.Factory;

    [TestCase("q=%00", "q")]
    [TestCase("q=a%01b", "q")]
    [TestCase("q=line%0Abreak", "q")]
    [TestCase("sector=%C2%85", "sector")]
    [TestCase("q=%FF", "q")]
    [TestCase("q=%ED%A0%80", "q")]
    [TestCase("currency=%C3", "currency")]
    public async Task List_QueryValueThatIsNotCleanText_Is400NamingTheParameter(string query, string parameter)
    {
        using var analyst = Api.Analyst(out _);
        var response = await analyst.GetAsync("/api/v1/deals?" + query);

        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "request.invalid_characters", parameter);
    }

    [Test]
    public async Task List_QueryNameThatIsNotCleanText_Is400()
    {
        using var analyst = Api.Analyst(out _);
        await (await analyst.GetAsync("/api/v1/deals?a%00b=1")).AssertProblemNamingAsync(HttpStatusCode.BadRequest, "request.invalid_characters", "query");
    }

    [TestCase("/api/v1/deals/by-ticker/AB%01C")]
    [TestCase("/api/v1/deals/by-ticker/AB%7FC")]
    [TestCase("/api/v1/deals/by-ticker/AB%FFC")]
    public async Task RouteValueThatIsNotCleanText_Is400NamingThePath(string path)
    {
        using var analyst = Api.Analyst(out _);
        await (await analyst.GetAsync(path)).AssertProblemNamingAsync(HttpStatusCode.BadRequest, "request.invalid_characters", "path");
    }

    [TestCase("name", "Acme\u0000Widget")]
    [TestCase("name", "Acme\u0007Widget")]
    [TestCase("analystNotes", "Notes\u0085more")]
    public async Task Create_WithControlCharactersInText_Is400NamingTheFieldAndStoresNothing(string field, string value)
    {
        using var analyst = Api.Analyst(out _);
        var ticker = "N" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        var response = await analyst.PostAsJsonAsync("/api/v1/deals", DealRequests.NewDeal(d => { d[field] = value; d["targetTicker"] = ticker; }));

        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "request.invalid_characters", "$." + field);
        var stored = await (await analyst.GetAsync($"/api/v1/deals?ticker={ticker}")).ReadJsonAsync();
        Assert.That(stored.GetProperty("totalCount").GetInt64(), Is.Zero);
    }

    [Test]
    public async Task Create_WithLineBreaksAndTabsInFreeText_IsAccepted()
    {
        using var analyst = Api.Analyst(out _);
        var deal = await analyst.CreateDealAsync(d => d["analystNotes"] = "First line\r\nSecond\tline");

        Assert.That(deal.GetProperty("analystNotes").GetString(), Is.EqualTo("First line\r\nSecond\tline"));
    }

    [TestCase("\\ud800")]
    [TestCase("x\\udc00y")]
    [TestCase("\\ud800\\u0041")]
    public async Task Create_WithAnUnpairedSurrogate_Is400NamingTheField(string escaped)
    {
        using var analyst = Api.Analyst(out _);
        var json = JsonSerializer.Serialize(DealRequests.NewDeal(d => d["name"] = "PLACEHOLDER")).Replace("PLACEHOLDER", escaped, StringComparison.Ordinal);
        var response = await analyst.PostAsync("/api/v1/deals", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "request.invalid_characters", "$.name");
    }

    [Test]
    public async Task Create_WithAPairedSurrogate_IsAccepted()
    {
        using var analyst = Api.Analyst(out _);
        var deal = await analyst.CreateDealAsync(d => d["analystNotes"] = "Upside \U0001F4C8");

        Assert.That(deal.GetProperty("analystNotes").GetString(), Is.EqualTo("Upside \U0001F4C8"));
    }

    [Test]
    public async Task Import_WithAControlCharacterInACell_Is422NamingLineAndColumn()
    {
        using var analyst = Api.Analyst(out _);
        var ticker = "I" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        var csv = $"{CsvHeader}\r\nOk,merger,T,{ticker},2026-01-05,USD,1,,\r\nBad,merger,Tar\0get,{ticker},2026-01-05,USD,1,,\r\n";
        var response = await analyst.PostAsync("/api/v1/deals/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "deal.import_invalid");
        var row = problem.GetProperty("rows")[0];
        Assert.Multiple(() =>
        {
            Assert.That(row.GetProperty("line").GetInt32(), Is.EqualTo(3));
            Assert.That(row.GetProperty("errors").GetProperty("csv")[0].GetString(), Does.StartWith("Column 3:").And.Contains("U+0000"));
        });
        var stored = await (await analyst.GetAsync($"/api/v1/deals?ticker={ticker}")).ReadJsonAsync();
        Assert.That(stored.GetProperty("totalCount").GetInt64(), Is.Zero, "all or nothing");
    }

    // (page - 1) * pageSize would overflow an int: the shared paging rule bounds the page.
    [TestCase("/api/v1/deals?page=2147483647&pageSize=200", "validation_failed", "page")]
    [TestCase("/api/v1/deals?page=10000001", "validation_failed", "page")]
    [TestCase("/api/v1/deals/by-ticker/ACME?page=2147483647&pageSize=200", "validation_failed", "page")]
    [TestCase("/api/v1/deals/by-ticker/ACME?page=1&pageSize=201", "validation_failed", "pageSize")]
    // Not a number of the parameter's type at all: refused at binding, still naming the parameter.
    [TestCase("/api/v1/deals?page=99999999999", "request.invalid", "page")]
    [TestCase("/api/v1/deals?pageSize=abc", "request.invalid", "pageSize")]
    [TestCase("/api/v1/deals/by-ticker/ACME?page=1e3", "request.invalid", "page")]
    [TestCase("/api/v1/deals?minValue=1..2", "request.invalid", "minValue")]
    public async Task Lists_PageOrNumberOutOfRange_Is400NamingTheParameter(string path, string errorCode, string parameter)
    {
        using var analyst = Api.Analyst(out _);
        await (await analyst.GetAsync(path)).AssertProblemNamingAsync(HttpStatusCode.BadRequest, errorCode, parameter);
    }

    [Test]
    public async Task History_PageWhoseOffsetOverflows_Is400NamingThePage()
    {
        using var analyst = Api.Analyst(out _);
        var deal = await analyst.CreateDealAsync();

        await (await analyst.GetAsync($"/api/v1/deals/{deal.Id()}/audit?page=2147483647&pageSize=200")).AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", "page");
    }

    [Test]
    public async Task Lists_DeepestPage_IsServedEmpty()
    {
        using var analyst = Api.Analyst(out _);
        var page = await (await analyst.GetAsync("/api/v1/deals?page=10000000&pageSize=200")).ReadJsonAsync();

        Assert.That(page.GetProperty("items").GetArrayLength(), Is.Zero);
    }
}
