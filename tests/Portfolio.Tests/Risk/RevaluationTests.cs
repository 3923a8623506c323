using Microsoft.EntityFrameworkCore;
using Platform.Contracts.MarketData;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Risk;

/// <summary>PricesUpdated keeps the day's close of a held symbol and revalues the portfolios holding it.</summary>
public sealed class RevaluationTests
{
    [Test]
    public async Task PricesUpdated_StoresTheClose_AndRecalculatesThePortfolioThatHoldsIt()
    {
        var symbol = MarketSeed.NewSymbol();
        await MarketSeed.SeedAsync(symbol, "USD", [.. Enumerable.Range(0, 30).Select(i => 100m + (i % 3))]);
        using var analyst = Factory.Analyst(out _);
        var portfolio = await analyst.CreatePortfolioAsync(p => (p["baseCurrency"], p["limits"]) = ("USD", null));
        await analyst.AddPositionAsync(portfolio.Id(), symbol, 10, 100);

        // Monday 16:00 in New York is 21:00 UTC: the close of 2026-12-07.
        var update = new PricesUpdated(Guid.NewGuid(), DateTimeOffset.UtcNow, [new PriceQuote(symbol, 123.45m, "USD", new DateTimeOffset(2026, 12, 7, 21, 0, 0, TimeSpan.Zero))]);
        await Factory.PublishAsync(update);

        var close = await Polling.UntilAsync(
            () => Factory.WithDbAsync(db => db.Closes.AsNoTracking().SingleOrDefaultAsync(c => c.Symbol == symbol && c.Date == new DateOnly(2026, 12, 7))),
            c => c is not null, "the close to be stored", EventTimeout, TimeSpan.FromMilliseconds(100));
        Assert.That(close!.Close, Is.EqualTo(123.45m));

        var calculation = await Polling.UntilAsync(
            () => Factory.WithDbAsync(db => db.Calculations.AsNoTracking().FirstOrDefaultAsync(c => c.PortfolioId == Guid.Parse(portfolio.Id()))),
            c => c is not null, "the portfolio to be revalued", EventTimeout, TimeSpan.FromMilliseconds(200));
        Assert.That(calculation!.CalculatedBy, Is.EqualTo("system:prices-updated"));
        Assert.That(calculation.AsOf, Is.EqualTo(new DateOnly(2026, 12, 7)));
        Assert.That(calculation.GrossExposure, Is.EqualTo(1_234.50m));
    }
}
