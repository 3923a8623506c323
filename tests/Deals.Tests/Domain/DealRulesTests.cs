using Deals.Domain;
using static Deals.Tests.Domain.DealTestData;

namespace Deals.Tests.Domain;

public sealed class DealRulesTests
{
    private static IReadOnlyDictionary<string, string[]> ErrorsOf(DealTerms terms) => DealRules.Validate(DealRules.Normalize(terms));

    [Test]
    public void Validate_ValidTerms_HasNoErrors() => Assert.That(ErrorsOf(Terms()), Is.Empty);

    [Test]
    public void Normalize_UpperCasesCodesAndCleansTags()
    {
        var terms = DealRules.Normalize(Terms());
        Assert.Multiple(() =>
        {
            Assert.That(terms.TargetTicker, Is.EqualTo("WDGT"));
            Assert.That(terms.TargetExchange, Is.EqualTo("NYSE"));
            Assert.That(terms.TargetCountry, Is.EqualTo("US"));
            Assert.That(terms.Currency, Is.EqualTo("USD"));
            Assert.That(terms.Tags, Is.EqualTo(new[] { "arb", "industrials" }));
        });
    }

    [TestCase("BRK.B")]
    [TestCase("RDS-A")]
    [TestCase("7203")]
    [TestCase("A")]
    public void Validate_AcceptsRealTickerShapes(string ticker) =>
        Assert.That(ErrorsOf(Terms() with { TargetTicker = ticker }), Does.Not.ContainKey("targetTicker"));

    [TestCase("TOOLONGTICKER")]
    [TestCase("AB CD")]
    [TestCase("AB$")]
    [TestCase("'; DROP TABLE deals; --")]
    public void Validate_RefusesMalformedTickers(string ticker) =>
        Assert.That(ErrorsOf(Terms() with { TargetTicker = ticker }), Does.ContainKey("targetTicker"));

    [TestCase("XXX")]
    [TestCase("US")]
    [TestCase("DOLLARS")]
    public void Validate_RefusesUnknownCurrencies(string currency) =>
        Assert.That(ErrorsOf(Terms() with { Currency = currency }), Does.ContainKey("currency"));

    [Test]
    public void Validate_ExpectedCloseBeforeAnnouncement_IsAnError() =>
        Assert.That(ErrorsOf(Terms() with { ExpectedCloseOn = new DateOnly(2026, 3, 1) }), Does.ContainKey("expectedCloseOn"));

    [Test]
    public void Validate_CompletedWithoutActualClose_IsAnError() =>
        Assert.That(ErrorsOf(Terms() with { Stage = LifecycleStage.Completed }), Does.ContainKey("actualCloseOn"));

    [Test]
    public void Validate_ActualCloseOnUnfinishedDeal_IsAnError() =>
        Assert.That(ErrorsOf(Terms() with { ActualCloseOn = new DateOnly(2026, 9, 1) }), Does.ContainKey("actualCloseOn"));

    [TestCase("dealValue")]
    [TestCase("breakFee")]
    [TestCase("offerPricePerShare")]
    [TestCase("currentTargetPrice")]
    public void Validate_NegativeAmounts_AreErrors(string field)
    {
        var terms = field switch
        {
            "dealValue" => Terms() with { DealValue = -1m },
            "breakFee" => Terms() with { BreakFee = -0.01m },
            "offerPricePerShare" => Terms() with { OfferPricePerShare = -5m },
            _ => Terms() with { CurrentTargetPrice = -5m },
        };
        Assert.That(ErrorsOf(terms), Does.ContainKey(field));
    }

    [TestCase(-0.01)]
    [TestCase(1.0001)]
    [TestCase(2)]
    public void Validate_ProbabilityOutsideZeroToOne_IsAnError(decimal probability) =>
        Assert.That(ErrorsOf(Terms() with { ProbabilityOfClose = probability }), Does.ContainKey("probabilityOfClose"));

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(0.5)]
    public void Validate_ProbabilityWithinZeroToOne_IsFine(decimal probability) =>
        Assert.That(ErrorsOf(Terms() with { ProbabilityOfClose = probability }), Does.Not.ContainKey("probabilityOfClose"));

    [Test]
    public void Validate_MoneyWithMoreDecimalsThanKept_IsAnErrorNotARounding() =>
        Assert.That(ErrorsOf(Terms() with { DealValue = 100.125m }), Does.ContainKey("dealValue"));

    [Test]
    public void Validate_TrailingZeroDecimals_AreNotExtraPrecision() =>
        Assert.That(ErrorsOf(Terms() with { DealValue = 100.1000000m }), Does.Not.ContainKey("dealValue"));

    [Test]
    public void Validate_ValueTooLargeForTheColumn_IsAnError() =>
        Assert.That(ErrorsOf(Terms() with { DealValue = 1_000_000_000_000_000_000m }), Does.ContainKey("dealValue"));

    [Test]
    public void Validate_CashDealWithExchangeRatio_IsAnError() =>
        Assert.That(ErrorsOf(Terms() with { ExchangeRatio = 0.5m }), Does.ContainKey("exchangeRatio"));

    [Test]
    public void Validate_PricesWithoutTheirDate_IsAnError() =>
        Assert.That(ErrorsOf(Terms() with { PricesAsOf = null }), Does.ContainKey("pricesAsOf"));

    [Test]
    public void Validate_NulCharacterInText_IsAnError() =>
        Assert.That(ErrorsOf(Terms() with { Name = "Acme\0Widget" }), Does.ContainKey("name"));

    [Test]
    public void Validate_MissingNames_AreRequired()
    {
        var errors = ErrorsOf(Terms() with { Name = "  ", TargetName = "" });
        Assert.That(errors.Keys, Is.SupersetOf(new[] { "name", "targetName" }));
    }

    [Test]
    public void Validate_ListEntryWithCsvSeparator_IsAnError() =>
        Assert.That(ErrorsOf(Terms() with { Advisors = ["Lazard|Evercore"] }), Does.ContainKey("advisors"));

    [Test]
    public void Validate_HostileLookingTextIsJustText() =>
        Assert.That(ErrorsOf(Terms() with { Name = "'; DROP TABLE deals; --", AnalystNotes = "<script>alert(1)</script>" }), Is.Empty);
}
