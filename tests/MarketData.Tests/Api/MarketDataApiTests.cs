using System.Net;
using System.Text.Json;
using MarketData.Application.Refresh;
using MarketData.Infrastructure.Providers.Simulated;
using Platform.Testing;
using static MarketData.Tests.TestSupport;

namespace MarketData.Tests.Api;

public sealed class MarketDataApiTests
{
    private static readonly string LastSession = MarketCalendar.LastClosedSession(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public async Task History_OfOneSymbol_IsTheStoredBars_OldestFirst()
    {
        using var client = Factory.Analyst();
        var year = DateOnly.Parse(LastSession, System.Globalization.CultureInfo.InvariantCulture).Year - 1;
        var history = await client.GetJsonAsync($"/api/v1/market-data/MSFT/history?from={year}-01-01&to={year}-12-31");

        var bars = history.GetProperty("bars").EnumerateArray().ToList();
        Assert.That(bars, Has.Count.InRange(250, 262));
        Assert.That(bars[0].GetProperty("date").GetString(), Does.StartWith($"{year}-01-0"));
        var expected = SimulatedMarket.Bars(SimulatedUniverse.Find("MSFT")!, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        Assert.That(bars.Select(b => b.GetProperty("close").GetDecimal()), Is.EqualTo(expected.Select(b => b.Close)));
        Assert.That(bars.All(b => b.GetProperty("high").GetDecimal() >= b.GetProperty("low").GetDecimal()));
    }

    [TestCase("/api/v1/market-data/MSFT/history?from=2024-02-30", "from")]
    [TestCase("/api/v1/market-data/MSFT/history?from=2010-01-01&to=2024-01-01", "from")]
    [TestCase("/api/v1/market-data/MSFT/history?from=2024-06-01&to=2024-01-01", "from")]
    [TestCase("/api/v1/market-data/history?symbols=", "symbols")]
    [TestCase("/api/v1/market-data/quotes?symbols=A,B%00", null)]
    [TestCase("/api/v1/market-data/fx?base=EUR&quote=US", "quote")]
    [TestCase("/api/v1/market-data/fx?base=EUR&quote=USD&date=notadate", null)]
    [TestCase("/api/v1/market-data/MSFT/history?from=abc", null)]
    [TestCase("/api/v1/market-data/SPY/options?expiry=31-12-2026", null)]
    [TestCase("/api/v1/market-data/history?symbols=SPY&from=0001-01-01&to=2026-01-01", "from")]
    public async Task BadDatesAndLists_Are400Problems(string path, string? field)
    {
        using var client = Factory.Analyst();
        using var response = await client.GetAsync(path);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        if (field is not null && problem.TryGetProperty("errors", out var errors))
        {
            Assert.That(errors.TryGetProperty(field, out _), Is.True, problem.ToString());
        }
    }

    [TestCase("/api/v1/market-data/MSFT/history?to=0001-01-01")]
    [TestCase("/api/v1/market-data/MSFT/history?from=0001-01-01&to=0005-01-01")]
    [TestCase("/api/v1/market-data/MSFT/history?from=9999-01-01&to=9999-12-31")]
    public async Task History_AtTheEdgesOfTheCalendar_IsEmptyNotAnError(string path)
    {
        using var client = Factory.Analyst();
        var history = await client.GetJsonAsync(path);
        Assert.That(history.GetProperty("bars").GetArrayLength(), Is.Zero);
    }

    [TestCase("{\"businessDate\":\"2999-01-01\"}", "businessDate")]
    [TestCase("{\"businessDate\":\"0001-01-01\"}", "businessDate")]
    [TestCase("{\"symbols\":[\"SPY\",\"bad symbol\"]}", "symbols")]
    [TestCase("{\"symbols\":\"SPY\"}", null)]
    [TestCase("{\"businessDate\":", null)]
    public async Task Refresh_WithBadParameters_Is400(string body, string? field)
    {
        using var admin = Factory.Admin();
        using var response = await admin.PostAsync("/api/v1/market-data/admin/refresh", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        if (field is not null)
        {
            Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
        }
    }

    [Test]
    public async Task ManyHistory_StreamsEverySymbolInTheOrderAsked()
    {
        using var client = Factory.Analyst();
        var body = await client.GetJsonAsync($"/api/v1/market-data/history?symbols=TLT,spy,EURUSD&to={LastSession}");

        var series = body.GetProperty("series").EnumerateArray().ToList();
        Assert.That(series.Select(s => s.GetProperty("symbol").GetString()), Is.EqualTo(new[] { "TLT", "SPY", "EURUSD" }));
        Assert.That(series.Select(s => s.GetProperty("closes").GetArrayLength()), Has.All.InRange(250, 262));
        Assert.That(series[1].GetProperty("closes").EnumerateArray().Last().GetProperty("date").GetString(), Is.EqualTo(LastSession));
    }

    [Test]
    public async Task ManyHistory_WithAnUntrackedSymbol_Is404NamingIt()
    {
        using var client = Factory.Analyst();
        using var response = await client.GetAsync("/api/v1/market-data/history?symbols=SPY,NOPE");
        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound, "marketdata.unknown_symbol");
        Assert.That(problem.GetProperty("symbols")[0].GetString(), Is.EqualTo("NOPE"));
    }

    [Test]
    public async Task ManyHistory_RefusesMoreThan500Symbols()
    {
        using var client = Factory.Analyst();
        var symbols = string.Join(',', Enumerable.Range(0, 501).Select(i => $"S{i}"));
        using var response = await client.GetAsync($"/api/v1/market-data/history?symbols={symbols}");
        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", "symbols");
    }

    [Test]
    public async Task Quotes_InTheOrderAsked_WithChangeFromThePreviousClose()
    {
        using var client = Factory.Analyst();
        var quotes = (await client.GetJsonAsync("/api/v1/market-data/quotes?symbols=KO,AAPL")).EnumerateArray().ToList();

        Assert.That(quotes.Select(q => q.GetProperty("symbol").GetString()), Is.EqualTo(new[] { "KO", "AAPL" }));
        foreach (var quote in quotes)
        {
            Assert.That(quote.GetProperty("change").GetDecimal(), Is.EqualTo(quote.GetProperty("price").GetDecimal() - quote.GetProperty("previousClose").GetDecimal()));
            Assert.That(quote.GetProperty("currency").GetString(), Is.EqualTo("USD"));
        }
    }

    [Test]
    public async Task Quotes_OfMoreThan200Symbols_Is400_AndOfAnUntrackedOne404()
    {
        using var client = Factory.Analyst();
        using var tooMany = await client.GetAsync("/api/v1/market-data/quotes?symbols=" + string.Join(',', Enumerable.Range(0, 201).Select(i => $"S{i}")));
        await tooMany.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", "symbols");
        using var unknown = await client.GetAsync("/api/v1/market-data/quotes?symbols=SPY,QQQQ");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "marketdata.unknown_symbol");
    }

    [Test]
    public async Task Fx_DirectInverseAndCross_AgreeWithEachOther()
    {
        using var client = Factory.Analyst();
        var eurUsd = await client.GetJsonAsync($"/api/v1/market-data/fx?base=EUR&quote=USD&date={LastSession}");
        var usdJpy = await client.GetJsonAsync($"/api/v1/market-data/fx?base=USD&quote=JPY&date={LastSession}");
        var eurJpy = await client.GetJsonAsync($"/api/v1/market-data/fx?base=EUR&quote=JPY&date={LastSession}");
        var usdEur = await client.GetJsonAsync($"/api/v1/market-data/fx?base=USD&quote=EUR&date={LastSession}");

        Assert.That(eurJpy.GetProperty("source").GetString(), Is.EqualTo("crossUsd"));
        // EUR/JPY = EUR/USD x USD/JPY, to the rates' precision.
        Assert.That(eurJpy.GetProperty("rate").GetDecimal(), Is.EqualTo(eurUsd.GetProperty("rate").GetDecimal() * usdJpy.GetProperty("rate").GetDecimal()).Within(0.0001m));
        Assert.That(usdEur.GetProperty("rate").GetDecimal() * eurUsd.GetProperty("rate").GetDecimal(), Is.EqualTo(1m).Within(0.000001m));
        Assert.That(eurUsd.GetProperty("date").GetString(), Is.EqualTo(LastSession));
    }

    [Test]
    public async Task Fx_OnASaturday_IsFridaysRate_AndBeforeAnyRateIs404()
    {
        using var client = Factory.Analyst();
        var friday = MarketCalendar.TradingDayOnOrBefore(DateOnly.Parse(LastSession, System.Globalization.CultureInfo.InvariantCulture).AddDays(-7));
        while (friday.DayOfWeek != DayOfWeek.Friday)
        {
            friday = friday.AddDays(-1);
        }

        var saturday = await client.GetJsonAsync($"/api/v1/market-data/fx?base=EUR&quote=USD&date={friday.AddDays(1):yyyy-MM-dd}");
        Assert.That(saturday.GetProperty("date").GetString(), Is.EqualTo(friday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));

        using var tooEarly = await client.GetAsync("/api/v1/market-data/fx?base=EUR&quote=USD&date=1990-01-01");
        await tooEarly.AssertProblemAsync(HttpStatusCode.NotFound, "marketdata.no_fx_rate");
    }

    [Test]
    public async Task OptionChain_HasASmile_AndSatisfiesPutCallParity()
    {
        using var client = Factory.Analyst();
        var chain = await client.GetJsonAsync("/api/v1/market-data/SPY/options");
        var spot = chain.GetProperty("underlyingPrice").GetDecimal();
        var expiry = chain.GetProperty("expiries").EnumerateArray().Select(e => e.GetString()!).ElementAt(3);
        var one = await client.GetJsonAsync($"/api/v1/market-data/SPY/options?expiry={expiry}");
        var contracts = one.GetProperty("contracts").EnumerateArray().ToList();
        Assert.That(contracts.Select(c => c.GetProperty("expiry").GetString()).Distinct(), Is.EqualTo(new[] { expiry }));

        decimal Iv(decimal strike, string right) => contracts.Single(c => c.GetProperty("strike").GetDecimal() == strike && c.GetProperty("right").GetString() == right).GetProperty("impliedVolatility").GetDecimal();
        var strikes = contracts.Select(c => c.GetProperty("strike").GetDecimal()).Distinct().Order().ToList();
        var atm = strikes.MinBy(k => Math.Abs(k - spot));
        Assert.That(Iv(strikes[0], "put"), Is.GreaterThan(Iv(atm, "put")), "downside skew");

        // C - P = S - K e^{-rT}, to a few cents (prices are rounded to cents).
        var years = (DateOnly.Parse(expiry, System.Globalization.CultureInfo.InvariantCulture).DayNumber - DateOnly.Parse(one.GetProperty("asOf").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DayNumber) / 365.0;
        decimal Last(string right) => contracts.Single(c => c.GetProperty("strike").GetDecimal() == atm && c.GetProperty("right").GetString() == right).GetProperty("last").GetDecimal();
        var parity = spot - atm * (decimal)Math.Exp(-0.045 * years);
        Assert.That(Last("call") - Last("put"), Is.EqualTo(parity).Within(0.02m));
    }

    [Test]
    public async Task OptionChain_OfAnUnknownExpiry_Is404ListingTheExpiries()
    {
        using var client = Factory.Analyst();
        using var response = await client.GetAsync("/api/v1/market-data/AAPL/options?expiry=2099-01-01");
        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound, "marketdata.no_such_expiry");
        Assert.That(problem.GetProperty("expiries").GetArrayLength(), Is.GreaterThan(2));
    }

    [Test]
    public async Task OptionChain_OfAnFxPair_Is404()
    {
        using var client = Factory.Analyst();
        using var response = await client.GetAsync("/api/v1/market-data/EURUSD/options");
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "marketdata.no_option_chain");
    }

    [Test]
    public async Task OpenApi_DescribesEveryEndpoint()
    {
        using var client = Factory.CreateClient();
        var document = await client.GetJsonAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(paths, Is.SupersetOf(new[]
        {
            "/api/v1/assets", "/api/v1/assets/{symbol}", "/api/v1/market-data/{symbol}/history", "/api/v1/market-data/history",
            "/api/v1/market-data/quotes", "/api/v1/market-data/quotes/stream", "/api/v1/market-data/fx", "/api/v1/market-data/{symbol}/options",
            "/api/v1/market-data/admin/refresh", "/api/v1/market-data/admin/jobs/{job}",
        }));
    }
}
