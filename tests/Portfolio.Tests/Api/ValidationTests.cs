using System.Net;
using System.Net.Http.Json;
using System.Text;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Api;

/// <summary>Bad bodies and parameters are 400 problems naming what is wrong, never 500, and store nothing.</summary>
public sealed class ValidationTests
{
    private static IEnumerable<TestCaseData> InvalidFields()
    {
        yield return new TestCaseData("baseCurrency", (Action<Dictionary<string, object?>>)(p => p["baseCurrency"] = "usd")).SetName("{m}(lower-case currency)");
        yield return new TestCaseData("baseCurrency", (Action<Dictionary<string, object?>>)(p => p["baseCurrency"] = "U5D")).SetName("{m}(digit in currency)");
        yield return new TestCaseData("baseCurrency", (Action<Dictionary<string, object?>>)(p => p["baseCurrency"] = "XYZ")).SetName("{m}(not an ISO 4217 currency)");
        yield return new TestCaseData("baseCurrency", (Action<Dictionary<string, object?>>)(p => p["baseCurrency"] = "")).SetName("{m}(empty currency)");
        yield return new TestCaseData("baseCurrency", (Action<Dictionary<string, object?>>)(p => p["baseCurrency"] = "DOLLARS")).SetName("{m}(long currency)");
        yield return new TestCaseData("name", (Action<Dictionary<string, object?>>)(p => p["name"] = "")).SetName("{m}(empty name)");
        yield return new TestCaseData("name", (Action<Dictionary<string, object?>>)(p => p.Remove("name"))).SetName("{m}(no name)");
        yield return new TestCaseData("name", (Action<Dictionary<string, object?>>)(p => p["name"] = new string('n', 101))).SetName("{m}(long name)");
        yield return new TestCaseData("name", (Action<Dictionary<string, object?>>)(p => p["name"] = " Padded ")).SetName("{m}(padded name)");
        yield return new TestCaseData("name", (Action<Dictionary<string, object?>>)(p => p["name"] = "Two\nlines")).SetName("{m}(line break in name)");
        yield return new TestCaseData("description", (Action<Dictionary<string, object?>>)(p => p["description"] = new string('d', 2001))).SetName("{m}(long description)");
        yield return new TestCaseData("limits.grossExposure", (Action<Dictionary<string, object?>>)(p => p["limits"] = new { grossExposure = -1m })).SetName("{m}(negative gross)");
        yield return new TestCaseData("limits.netExposure", (Action<Dictionary<string, object?>>)(p => p["limits"] = new { netExposure = -0.01m })).SetName("{m}(negative net)");
        yield return new TestCaseData("limits.valueAtRisk", (Action<Dictionary<string, object?>>)(p => p["limits"] = new { valueAtRisk = -5m })).SetName("{m}(negative VaR)");
        yield return new TestCaseData("limits.dollarDelta", (Action<Dictionary<string, object?>>)(p => p["limits"] = new { dollarDelta = -5m })).SetName("{m}(negative delta)");
        yield return new TestCaseData("limits.grossExposure", (Action<Dictionary<string, object?>>)(p => p["limits"] = new { grossExposure = 1e19m })).SetName("{m}(huge gross)");
        yield return new TestCaseData("limits.concentrationPercent", (Action<Dictionary<string, object?>>)(p => p["limits"] = new { concentrationPercent = 100.01m })).SetName("{m}(concentration over 100)");
        yield return new TestCaseData("limits.concentrationPercent", (Action<Dictionary<string, object?>>)(p => p["limits"] = new { concentrationPercent = -1m })).SetName("{m}(negative concentration)");
    }

    [TestCaseSource(nameof(InvalidFields))]
    public async Task Create_WithAnInvalidField_Is400NamingItAndStoresNothing(string field, Action<Dictionary<string, object?>> change)
    {
        using var analyst = Factory.Analyst(out _);

        using var response = await analyst.PostAsJsonAsync("/api/v1/portfolios", NewPortfolio(change));

        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", field);
        var list = await analyst.GetJsonAsync("/api/v1/portfolios");
        Assert.That(list.Items(), Is.Empty);
    }

    [TestCaseSource(nameof(InvalidFields))]
    public async Task Put_WithAnInvalidField_Is400NamingIt(string field, Action<Dictionary<string, object?>> change)
    {
        using var analyst = Factory.Analyst(out _);
        var created = await analyst.CreatePortfolioAsync();
        var etag = await analyst.ETagOfAsync(created.Id());

        using var response = await analyst.SendAsync(HttpMethod.Put, $"/api/v1/portfolios/{created.Id()}", etag, NewPortfolio(change));

        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Test]
    public async Task Create_WithSeveralInvalidFields_NamesEachOfThem()
    {
        using var analyst = Factory.Analyst(out _);

        using var response = await analyst.PostAsJsonAsync("/api/v1/portfolios", NewPortfolio(p =>
        {
            p["name"] = "";
            p["baseCurrency"] = "EURO";
            p["limits"] = new { valueAtRisk = -1m, concentrationPercent = 250m };
        }));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name);
        Assert.That(fields, Is.EquivalentTo(new[] { "name", "baseCurrency", "limits.valueAtRisk", "limits.concentrationPercent" }));
    }

    [TestCase("name", "Acme\u0000Book")]
    [TestCase("name", "Acme\u0007Book")]
    [TestCase("description", "Notes\u0000more")]
    [TestCase("description", "Notes\u0085more")]
    public async Task Create_WithControlCharactersInText_Is400NamingTheField(string field, string value)
    {
        using var analyst = Factory.Analyst(out _);

        using var response = await analyst.PostAsJsonAsync("/api/v1/portfolios", NewPortfolio(p => p[field] = value));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.That(errors, Has.Some.EqualTo(field).Or.Some.EqualTo("$." + field), problem.ToString());
        Assert.That((await analyst.GetJsonAsync("/api/v1/portfolios")).Items(), Is.Empty);
    }

    [Test]
    public async Task Create_WithLineBreaksInTheDescription_IsAccepted()
    {
        using var analyst = Factory.Analyst(out _);

        var created = await analyst.CreatePortfolioAsync(p => p["description"] = "First line\r\nSecond\tline");

        Assert.That(created.Str("description"), Is.EqualTo("First line\r\nSecond\tline"));
    }

    [TestCase("{\"name\": \"x\",")]
    [TestCase("not json at all")]
    [TestCase("")]
    public async Task Create_MalformedJson_Is400Problem(string json)
    {
        using var analyst = Factory.Analyst(out _);

        using var response = await analyst.PostAsync("/api/v1/portfolios", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [TestCase("{\"name\": 42}")]
    [TestCase("{\"name\": \"Book\", \"baseCurrency\": 978}")]
    [TestCase("{\"name\": \"Book\", \"limits\": {\"valueAtRisk\": \"a lot\"}}")]
    [TestCase("{\"name\": \"Book\", \"limits\": [1, 2]}")]
    [TestCase("{\"name\": [\"Book\"]}")]
    [TestCase("[]")]
    [TestCase("\"Book\"")]
    public async Task Create_WrongTypes_Are400Problems(string json)
    {
        using var analyst = Factory.Analyst(out _);

        using var response = await analyst.PostAsync("/api/v1/portfolios", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.malformed_json");
    }

    [Test]
    public async Task Put_MalformedJson_Is400Problem()
    {
        using var analyst = Factory.Analyst(out _);
        var created = await analyst.CreatePortfolioAsync();
        var etag = await analyst.ETagOfAsync(created.Id());
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/portfolios/{created.Id()}")
        {
            Content = new StringContent("{\"name\": ", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);

        using var response = await analyst.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.malformed_json");
    }

    [TestCase("W/\"1\"")]
    [TestCase("\"abc\"")]
    [TestCase("1")]
    public async Task Put_WithAnIfMatchThatIsNoVersion_IsAProblemNot500(string ifMatch)
    {
        using var analyst = Factory.Analyst(out _);
        var created = await analyst.CreatePortfolioAsync();

        using var response = await analyst.SendAsync(HttpMethod.Put, $"/api/v1/portfolios/{created.Id()}", ifMatch, NewPortfolio());

        var problem = await response.AssertProblemAsync(response.StatusCode);
        Assert.That((int)response.StatusCode, Is.InRange(400, 499), problem.ToString());
    }

    [Test]
    public async Task Get_WithAnIdThatIsNoGuid_IsNot500()
    {
        using var analyst = Factory.Analyst(out _);

        using var response = await analyst.GetAsync("/api/v1/portfolios/not-a-guid");

        Assert.That((int)response.StatusCode, Is.InRange(400, 499));
    }
}
