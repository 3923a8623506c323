using Deals.Domain;
using static Deals.Tests.Domain.DealTestData;

namespace Deals.Tests.Domain;

public sealed class DealFiguresTests
{
    [Test]
    public void Derive_CashDeal_SpreadIsOfferMinusPrice_AnnualizedFromPriceDate()
    {
        // 2.50 on 50.00 is 5%; 184 days from 2026-06-30 to 2026-12-31 → 5% × 365 / 184.
        var (spread, annualized) = DealFigures.Derive(Terms());
        Assert.That(spread, Is.EqualTo(2.5m));
        Assert.That(annualized, Is.EqualTo(decimal.Round(0.05m * 365m / 184m, 6)));
    }

    [Test]
    public void Derive_StockDeal_UsesExchangeRatioTimesAcquirerPrice()
    {
        var terms = Terms() with { Consideration = ConsiderationType.Stock, OfferPricePerShare = null, ExchangeRatio = 0.5m, CurrentAcquirerPrice = 110m };
        Assert.That(DealFigures.Derive(terms).Spread, Is.EqualTo(5m));
    }

    [Test]
    public void Derive_MixedDeal_AddsCashAndStock()
    {
        var terms = Terms() with { Consideration = ConsiderationType.Mixed, OfferPricePerShare = 20m, ExchangeRatio = 0.25m, CurrentAcquirerPrice = 120m };
        Assert.That(DealFigures.Derive(terms).Spread, Is.EqualTo(0m));
    }

    [Test]
    public void Derive_WithoutTargetPrice_IsUnknown() =>
        Assert.That(DealFigures.Derive(Terms() with { CurrentTargetPrice = null }), Is.EqualTo(((decimal?)null, (decimal?)null)));

    [Test]
    public void Derive_StockDealWithoutAcquirerPrice_IsUnknown()
    {
        var terms = Terms() with { Consideration = ConsiderationType.Stock, OfferPricePerShare = null, ExchangeRatio = 0.5m };
        Assert.That(DealFigures.Derive(terms).Spread, Is.Null);
    }

    [Test]
    public void Derive_CloseNotAfterPriceDate_HasSpreadButNoAnnualizedReturn()
    {
        var (spread, annualized) = DealFigures.Derive(Terms() with { PricesAsOf = new DateOnly(2026, 12, 31) });
        Assert.That(spread, Is.EqualTo(2.5m));
        Assert.That(annualized, Is.Null);
    }

    [Test]
    public void Update_NewPrice_RecomputesTheDerivedFigures()
    {
        var deal = NewDeal();
        Assert.That(deal.Update(deal.Terms with { CurrentTargetPrice = 52m }, Owner, Now).IsSuccess, Is.True);
        Assert.That(deal.Spread, Is.EqualTo(0.5m));
        Assert.That(deal.AnnualizedReturn, Is.EqualTo(decimal.Round(0.5m / 52m * 365m / 184m, 6)));
    }

    [Test]
    public void AtMarket_UsesMarketPricesNotTheAnalysts()
    {
        // The analyst's 50 stays in the terms; at a market price of 48 the 52.50 offer is 4.50, 9.375 %.
        var figures = DealFigures.AtMarket(Terms(), 48m, null, new DateOnly(2026, 6, 30));
        Assert.That(figures, Is.EqualTo(new MarketFigures(4.5m, 9.375m, decimal.Round(4.5m / 48m * 365m / 184m, 6))));
    }

    [Test]
    public void AtMarket_StockDealWithoutAnAcquirerQuote_IsUnknown()
    {
        var terms = Terms() with { Consideration = ConsiderationType.Stock, OfferPricePerShare = null, ExchangeRatio = 0.5m, CurrentAcquirerPrice = 110m };
        Assert.That(DealFigures.AtMarket(terms, 50m, null, new DateOnly(2026, 6, 30)), Is.EqualTo(new MarketFigures(null, null, null)));
    }
}
