using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Risk;

/// <summary>CSV upload: stocks and OCC options with tags and strategies, all or nothing, bad rows by line and field.</summary>
public sealed class UploadTests
{
    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Test]
    public async Task ValidFile_CreatesEveryPosition_WithTypesTagsAndStrategies()
    {
        var symbol = MarketSeed.NewSymbol();
        await MarketSeed.SeedAsync(symbol, "USD", [10m, 11m]);
        using var analyst = Factory.Analyst(out _);
        var portfolio = await analyst.CreatePortfolioAsync();

        using var response = await analyst.PostAsync($"/api/v1/portfolios/{portfolio.Id()}/positions/upload", Csv(
            "symbol,quantity,entryPrice,entryDate,tags,strategy\n" +
            $"{symbol},100,10.5,2026-03-02,core;tech,Covered call\n" +
            $"{symbol}270115C00012000,-1,0.85,2026-03-02,,Covered call\n" +
            $"\"{symbol}\",-20,11,2026-04-01,hedge,\n"));

        var result = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), result.ToString());
        Assert.That(result.GetProperty("created").GetInt32(), Is.EqualTo(3));
        Assert.That(result.GetProperty("strategiesCreated").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "Covered call" }));
        var positions = (await analyst.GetJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/positions?sort=entryDate")).Items();
        Assert.That(positions.Select(p => p.Str("type")), Is.EquivalentTo(new[] { "long", "shortCall", "short" }));
        var call = positions.Single(p => p.Str("type") == "shortCall");
        Assert.That(call.Str("symbol"), Is.EqualTo($"{symbol}270115C00012000"), "a six-letter root needs no padding");
        Assert.That(call.GetProperty("option").Str("expiry"), Is.EqualTo("2027-01-15"));
        Assert.That(call.GetProperty("option").GetProperty("strike").GetDecimal(), Is.EqualTo(12m));
        var strategies = await analyst.GetJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/strategies");
        Assert.That(strategies[0].GetProperty("positionIds").GetArrayLength(), Is.EqualTo(2));
        var tags = await analyst.GetJsonAsync("/api/v1/tags");
        Assert.That(tags.EnumerateArray().Select(t => t.Str("name")), Is.SupersetOf(new[] { "core", "tech", "hedge" }));
    }

    [Test]
    public async Task ReplaceUpload_ClosesEveryLivePosition_IntoTheArchive_AndKeepsOnlyTheNewFile()
    {
        var (kept, dropped) = (MarketSeed.NewSymbol(), MarketSeed.NewSymbol());
        await MarketSeed.SeedAsync(kept, "USD", [10m, 11m]);
        await MarketSeed.SeedAsync(dropped, "USD", [20m, 21m]);
        using var analyst = Factory.Analyst(out var analystId);
        var portfolio = await analyst.CreatePortfolioAsync();
        using var first = await analyst.PostAsync($"/api/v1/portfolios/{portfolio.Id()}/positions/upload",
            Csv($"symbol,quantity,entryPrice,entryDate,tags\n{kept},100,10,2026-03-02,core\n{dropped},-5,20,2026-03-02,\n"));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
        var before = (await analyst.GetJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/positions")).Items().ToList();

        using var replace = await analyst.PostAsync($"/api/v1/portfolios/{portfolio.Id()}/positions/upload?mode=replace",
            Csv($"symbol,quantity,entryPrice,entryDate\n{kept},250,10.5,2026-04-01\n"));

        var result = await replace.ReadJsonAsync();
        Assert.That(replace.StatusCode, Is.EqualTo(HttpStatusCode.OK), result.ToString());
        Assert.That((result.GetProperty("created").GetInt32(), result.GetProperty("replaced").GetInt32()), Is.EqualTo((1, 2)));
        var after = (await analyst.GetJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/positions")).Items().ToList();
        Assert.That(after.Select(p => (p.Str("symbol"), p.GetProperty("quantity").GetDecimal())), Is.EqualTo(new[] { (kept, 250m) }));
        foreach (var old in before)
        {
            using var gone = await analyst.GetAsync($"/api/v1/positions/{old.Str("id")}");
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a replaced position is no longer served");
        }

        // Nothing is lost: each replaced row, whole, with who closed it and when.
        var archived = await Factory.WithDbAsync(db => db.Database.SqlQuery<ArchivedPosition>(
            $"SELECT id AS \"Id\", closed_by AS \"ClosedBy\", closed_at AS \"ClosedAt\", symbol AS \"Symbol\", quantity AS \"Quantity\" FROM portfolio.closed_positions WHERE portfolio_id = {Guid.Parse(portfolio.Id())}")
            .ToListAsync());
        Assert.That(archived.Select(c => c.Id.ToString()), Is.EquivalentTo(before.Select(p => p.Str("id"))));
        Assert.That(archived.Select(c => c.ClosedBy), Is.All.EqualTo(analystId.ToString()));
        Assert.That(archived.Select(c => c.ClosedAt), Is.All.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5)));
        Assert.That(archived.Single(c => c.Symbol == dropped).Quantity, Is.EqualTo(-5m));
        Assert.That(await Factory.WithDbAsync(db => db.Positions.IgnoreQueryFilters().CountAsync(p => p.PortfolioId == Guid.Parse(portfolio.Id()))), Is.EqualTo(1),
            "the replaced rows left the live table");
    }

    [Test]
    public async Task FileWithBadRows_StoresNothing_AndNamesEveryRowAndField()
    {
        using var analyst = Factory.Analyst(out _);
        var portfolio = await analyst.CreatePortfolioAsync();

        using var response = await analyst.PostAsync($"/api/v1/portfolios/{portfolio.Id()}/positions/upload", Csv(
            "symbol,quantity,entryPrice,entryDate\n" +
            "AAPL,100,150,2026-01-05\n" +
            "AAPL,0,150,2026-01-05\n" +
            "AAPL  260230C00150000,1,2,2026-01-05\n" +
            "MSFT,10,abc,2999-01-01\n" +
            "BAD\u0000SYMBOL,1,1,2026-01-05\n"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "position.upload_invalid");
        var rows = problem.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("line").GetInt32(), r.Str("field"))).ToList();
        Assert.That(rows, Is.SupersetOf(new[] { (3, "quantity"), (4, "symbol"), (5, "entryPrice"), (5, "entryDate"), (6, "symbol") }));
        Assert.That(rows.Select(r => r.Item1), Does.Not.Contain(2));
        var positions = await analyst.GetJsonAsync($"/api/v1/portfolios/{portfolio.Id()}/positions");
        Assert.That(positions.GetProperty("totalCount").GetInt64(), Is.Zero);
    }

    [Test]
    public async Task Upload_ToSomeoneElsesPortfolio_Is404_AndAnotherContentTypeIs415()
    {
        using var owner = Factory.Analyst(out _);
        using var stranger = Factory.Analyst(out _);
        var portfolio = await owner.CreatePortfolioAsync();
        const string file = "symbol,quantity,entryPrice,entryDate\nAAPL,1,1,2026-01-05\n";

        using var foreign = await stranger.PostAsync($"/api/v1/portfolios/{portfolio.Id()}/positions/upload", Csv(file));
        using var json = await owner.PostAsync($"/api/v1/portfolios/{portfolio.Id()}/positions/upload", new StringContent(file, Encoding.UTF8, "application/json"));
        using var badMode = await owner.PostAsync($"/api/v1/portfolios/{portfolio.Id()}/positions/upload?mode=merge", Csv(file));

        await foreign.AssertProblemAsync(HttpStatusCode.NotFound, "portfolio.not_found");
        Assert.That(json.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        await badMode.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private sealed class ArchivedPosition
    {
        public Guid Id { get; init; }
        public string? ClosedBy { get; init; }
        public DateTimeOffset ClosedAt { get; init; }
        public string Symbol { get; init; } = "";
        public decimal Quantity { get; init; }
    }
}
