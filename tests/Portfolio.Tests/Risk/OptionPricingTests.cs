using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Risk;

/// <summary>The option calculator against the textbook case (S=K=100, r=5%, σ=20%, T=1), implied volatility, and bad entries by index.</summary>
public sealed class OptionPricingTests
{
    private static object Option(string type, double? volatility = 0.2, double? price = null, double strike = 100) =>
        new { type, spot = 100.0, strike, timeToExpiry = 1.0, rate = 0.05, dividendYield = 0.0, volatility, price };

    [Test]
    public async Task TextbookCallAndPut_PriceAtTheReferenceValues_InTheTradersUnits()
    {
        using var analyst = Factory.Analyst(out _);
        using var response = await analyst.PostAsJsonAsync("/api/v1/risk/option-pricing", new { options = new[] { Option("call"), Option("put") } });
        var results = (await response.ReadJsonAsync()).GetProperty("results").EnumerateArray().ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results[0].GetProperty("price").GetDouble(), Is.EqualTo(10.4506).Within(5e-5));
            Assert.That(results[1].GetProperty("price").GetDouble(), Is.EqualTo(5.5735).Within(5e-5));
            // N(d1) with d1 = 0.35; vega = S φ(d1) √T per point = 0.3752; theta per calendar day = −6.414 / 365.
            Assert.That(results[0].GetProperty("delta").GetDouble(), Is.EqualTo(0.636831).Within(1e-6));
            Assert.That(results[0].GetProperty("vega").GetDouble(), Is.EqualTo(0.375240).Within(1e-5));
            Assert.That(results[0].GetProperty("theta").GetDouble(), Is.EqualTo(-6.414028 / 365).Within(1e-6));
            Assert.That(results[0].GetProperty("impliedVolatility").ValueKind, Is.EqualTo(JsonValueKind.Null));
        }
    }

    [Test]
    public async Task Price_InsteadOfVolatility_GivesTheImpliedVolatilityBack()
    {
        using var analyst = Factory.Analyst(out _);
        using var response = await analyst.PostAsJsonAsync("/api/v1/risk/option-pricing", new { options = new[] { Option("call", volatility: null, price: 10.450584) } });
        var result = (await response.ReadJsonAsync()).GetProperty("results")[0];

        Assert.That(result.GetProperty("impliedVolatility").GetDouble(), Is.EqualTo(0.2).Within(1e-6));
        Assert.That(result.GetProperty("price").GetDouble(), Is.EqualTo(10.450584).Within(1e-6));
    }

    [Test]
    public async Task BadEntries_Are422_NamedByIndex_AndNoneIsPriced()
    {
        using var analyst = Factory.Analyst(out _);
        using var response = await analyst.PostAsJsonAsync("/api/v1/risk/option-pricing", new
        {
            options = new[] { Option("call"), Option("call", strike: -1), Option("straddle"), Option("put", volatility: 0.2, price: 3), Option("call", volatility: null, price: 150) },
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "risk.invalid_options");
        var errors = problem.GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name),
            Is.EquivalentTo(new[] { "options[1].strike", "options[2].type", "options[3].volatility" }), "a price above the spot has no implied volatility, but is only checked once all entries are valid");
    }

    [Test]
    public async Task AnImpossiblePrice_Is422_OnItsIndex()
    {
        using var analyst = Factory.Analyst(out _);
        using var response = await analyst.PostAsJsonAsync("/api/v1/risk/option-pricing", new { options = new[] { Option("call"), Option("call", volatility: null, price: 150) } });
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "risk.invalid_options");
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "options[1].price" }));
    }

    [TestCase("{}")]
    [TestCase("{\"options\": []}")]
    [TestCase("{\"options\": 5}")]
    [TestCase("{\"options\": [{\"type\": \"call\", \"spot\": \"a lot\"}]}")]
    [TestCase("not json")]
    public async Task MalformedOrEmpty_Is400(string body)
    {
        using var analyst = Factory.Analyst(out _);
        using var response = await analyst.PostAsync("/api/v1/risk/option-pricing", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task TenThousandOptions_ArePricedInOrder_AndOneMoreIsRefused()
    {
        using var analyst = Factory.Analyst(out _);
        var many = Enumerable.Range(0, 10_000).Select(i => Option(i % 2 == 0 ? "call" : "put", strike: 50 + (i % 100))).ToArray();
        using var response = await analyst.PostAsJsonAsync("/api/v1/risk/option-pricing", new { options = many });
        var results = (await response.ReadJsonAsync()).GetProperty("results");
        Assert.That(results.GetArrayLength(), Is.EqualTo(10_000));
        // Deep in the money (strike 50) the call is worth about S − K e^{−rT}; a put struck at 149 is in the money too.
        Assert.That(results[0].GetProperty("price").GetDouble(), Is.GreaterThan(100 - (50 * Math.Exp(-0.05))));
        Assert.That(results[1].GetProperty("price").GetDouble(), Is.LessThan(results[99].GetProperty("price").GetDouble()));

        using var tooMany = await analyst.PostAsJsonAsync("/api/v1/risk/option-pricing", new { options = many.Append(Option("call")).ToArray() });
        await tooMany.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task AReviewer_MayNotUseTheCalculator()
    {
        using var reviewer = Factory.Reviewer(out _);
        using var response = await reviewer.PostAsJsonAsync("/api/v1/risk/option-pricing", new { options = new[] { Option("call") } });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
