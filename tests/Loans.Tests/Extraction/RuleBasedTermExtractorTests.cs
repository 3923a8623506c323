using Loans.Application.Extraction;
using Loans.Domain.Sheets;

namespace Loans.Tests.Extraction;

public sealed class RuleBasedTermExtractorTests
{
    private const string LabelledSheet = """
        SENIOR SECURED TERM LOAN FACILITY - SUMMARY OF TERMS
        Borrower:          Northwind Logistics LLC, a Delaware limited liability company
        Guarantor:         Northwind Holdings Inc.
        Administrative Agent: First Harbor Bank, N.A.
        Facility Amount:   USD 25,000,000 (with an uncommitted accordion of up to USD 10,000,000)
        Signing Date:      14 March 2025
        Interest Rate:     Term SOFR + 2.75% per annum
        Default Interest:  +2.00% per annum on overdue amounts
        Maturity Date:     30 June 2031
        Upfront Fee:       0.50% of the Facility Amount
        Agency Fee:        USD 50,000 per annum
        Prepayment:        Permitted at any time without premium or penalty.
        Maximum Total Leverage Ratio:    3.50x
        Minimum Interest Coverage Ratio: 3.00x
        """;

    [Test]
    public void LabelledSheet_GivesEveryTermFromItsCell()
    {
        var terms = Terms.Extract(LabelledSheet);

        Assert.Multiple(() =>
        {
            Assert.That(terms.Engine, Is.EqualTo(RuleBasedTermExtractor.EngineName));
            Assert.That(terms.Value(SheetFields.Borrower), Is.EqualTo("Northwind Logistics LLC"));
            Assert.That(terms.Value(SheetFields.Principal), Is.EqualTo("25000000.00"));
            Assert.That(terms.Value(SheetFields.Currency), Is.EqualTo("USD"));
            Assert.That(terms.Value(SheetFields.RateType), Is.EqualTo("floating"));
            Assert.That(terms.Value(SheetFields.Benchmark), Is.EqualTo("SOFR"));
            Assert.That(terms.Value(SheetFields.MarginBps), Is.EqualTo("275"));
            Assert.That(terms.Value(SheetFields.FixedRatePercent), Is.Null);
            Assert.That(terms.Value(SheetFields.MaturityDate), Is.EqualTo("2031-06-30"));
            Assert.That(terms.Value(SheetFields.FacilityType), Is.EqualTo("termLoan"));
            Assert.That(terms.All(SheetFields.Fee), Is.EqualTo(new[] { "agency:50000.00", "upfront:50bps" }));
            Assert.That(terms.All(SheetFields.Covenant), Is.EqualTo(new[] { "maxLeverage:3.50", "minInterestCoverage:3.00" }));
        });
    }

    [Test]
    public void Prose_GivesTheTermsAtLowerConfidenceThanCells()
    {
        var terms = Terms.Extract("""
            First Harbor Bank, N.A., as lender, is pleased to offer a revolving credit facility of $25 million,
            made available to Northwind Logistics LLC (the "Borrower"). Advances bear interest at SOFR plus
            275 basis points. The facility matures on June 30, 2031.
            """);

        Assert.Multiple(() =>
        {
            Assert.That(terms.Value(SheetFields.Borrower), Is.EqualTo("Northwind Logistics LLC"));
            Assert.That(terms.Value(SheetFields.Principal), Is.EqualTo("25000000.00"));
            Assert.That(terms.Value(SheetFields.MarginBps), Is.EqualTo("275"));
            Assert.That(terms.Value(SheetFields.MaturityDate), Is.EqualTo("2031-06-30"));
            Assert.That(terms.Value(SheetFields.FacilityType), Is.EqualTo("revolvingCredit"));
            Assert.That(terms.Get(SheetFields.Borrower).Confidence, Is.LessThan(Terms.Extract(LabelledSheet).Get(SheetFields.Borrower).Confidence));
        });
    }

    [Test]
    public void Confidence_LabelledCellBeatsProseBeatsTitleGuess()
    {
        var terms = Terms.Extract("""
            Bridge Facility
            The lenders will provide a term loan facility of USD 10,000,000 to Acme Holdings Ltd (the "Borrower").
            Facility:   Revolving credit facility
            Commitments: USD 12,000,000
            """);

        Assert.Multiple(() =>
        {
            Assert.That(terms.Value(SheetFields.FacilityType), Is.EqualTo("revolvingCredit"), "the labelled cell, not the title or the prose");
            Assert.That(terms.Value(SheetFields.Principal), Is.EqualTo("12000000.00"), "the labelled cell, not the prose amount");
            Assert.That(terms.Get(SheetFields.Principal).Confidence, Is.GreaterThan(terms.Get(SheetFields.Borrower).Confidence));
        });
    }

    [TestCase("Borrower: Northwind Logistics LLC", "Northwind Logistics LLC")]
    [TestCase("Borrower | Northwind Logistics LLC", "Northwind Logistics LLC")]
    [TestCase("Borrower Northwind Logistics LLC", "Northwind Logistics LLC")]
    [TestCase("Borrower\n  Northwind Logistics LLC\nGuarantor\n  Parent Inc.", "Northwind Logistics LLC")]
    [TestCase("Obligor: The Kestrel Group plc", "Kestrel Group plc")]
    [TestCase("The Borrower: Lumen Medizintechnik SA, Neuchâtel, Switzerland", "Lumen Medizintechnik SA")]
    [TestCase("BORROWER ........ Maplecrest Senior Living Corp.", "Maplecrest Senior Living Corp.")]
    [TestCase("Account Party / Borrower:  Bluegate Foods, Inc., an Iowa corporation", "Bluegate Foods, Inc.")]
    [TestCase("Kestrel Acquisitions Limited, a company incorporated in England with number 1555 (the \"Borrower\"), is new.", "Kestrel Acquisitions Limited")]
    [TestCase("Big Bank N.A., as lender, and Northwind LLC (the \"Borrower\") agree as follows.", "Northwind LLC")]
    [TestCase("The Borrower is Redfern Building Supply Co., an Arkansas corporation.", "Redfern Building Supply Co.")]
    [TestCase("Corvid Software B.V. (the \"Company\") asked for a loan. The Company is the borrower.", "Corvid Software B.V.")]
    [TestCase("Company\tBrightwater Utilities S.p.A., a joint stock company\nOriginal Borrower\tThe Company", "Brightwater Utilities S.p.A.")]
    public void Borrower_IsReadFromLabelsTablesAndProse(string text, string expected) =>
        Assert.That(Terms.Extract(text).Value(SheetFields.Borrower), Is.EqualTo(expected));

    [Test]
    public void Borrower_IsNeverAGuarantorAgentOrLender() =>
        Assert.That(Terms.Extract("Guarantor: Parent Holdings Inc.\nAgent: Big Bank N.A.\nLender: Other Bank plc\nThe Borrower shall deliver accounts.").Value(SheetFields.Borrower), Is.Null);

    [TestCase("Facility Amount: USD 25,000,000", "25000000.00", "USD")]
    [TestCase("Commitments: $25 million", "25000000.00", "USD")]
    [TestCase("Facility Amount: EUR 40m", "40000000.00", "EUR")]
    [TestCase("Facility Amount: € 7.5 million", "7500000.00", "EUR")]
    [TestCase("Amount: Twenty-five million U.S. dollars (US$25,000,000)", "25000000.00", "USD")]
    [TestCase("Facility Amount: GBP 15,000,000.00", "15000000.00", "GBP")]
    [TestCase("Total Commitments: 25.000.000 EUR", "25000000.00", "EUR")]
    [TestCase("Facility Amount: CHF 10'000'000", "10000000.00", "CHF")]
    [TestCase("Facility Amount: C$45,000,000", "45000000.00", "CAD")]
    [TestCase("A revolving credit facility in the maximum principal amount of Canadian Dollars 45,000,000.", "45000000.00", "CAD")]
    [TestCase("Principal Amount: ¥2.0 billion", "2000000000.00", "JPY")]
    [TestCase("TERM SHEET\nUSD 40,000,000 SENIOR SECURED DELAYED DRAW TERM LOAN FACILITY", "40000000.00", "USD")]
    [TestCase("We can offer Acme Widgets Ltd a GBP 5m revolving facility at SONIA + 3.00%.", "5000000.00", "GBP")]
    public void Principal_ReadsAmountsAsWritten(string text, string principal, string currency)
    {
        var terms = Terms.Extract(text);
        Assert.Multiple(() =>
        {
            Assert.That(terms.Value(SheetFields.Principal), Is.EqualTo(principal));
            Assert.That(terms.Value(SheetFields.Currency), Is.EqualTo(currency));
        });
    }

    [Test]
    public void Principal_SkipsSublimitsAccordionsAndMinimumDraws()
    {
        var terms = Terms.Extract("""
            Facility | Senior secured revolving credit facility, with a $10 million swingline sublimit
            Incremental Facility | Uncommitted accordion of up to $25 million
            Minimum Draw | Advances in a minimum amount of $1,000,000
            Commitments | $75 million
            """);

        Assert.That(terms.Value(SheetFields.Principal), Is.EqualTo("75000000.00"));
    }

    [Test]
    public void Currency_IgnoresCurrenciesNamedInForeignExchangeClauses()
    {
        var terms = Terms.Extract("""
            Facility Amount: EUR 40,000,000
            Currency. Advances are denominated in euro only. Receivables in USD or GBP are valued at their euro equivalent.
            """);

        Assert.That(terms.Value(SheetFields.Currency), Is.EqualTo("EUR"));
    }

    [TestCase("Interest Rate: Term SOFR + 2.75%", "SOFR", "275")]
    [TestCase("Interest: Daily Simple SOFR plus 275 basis points", "SOFR", "275")]
    [TestCase("Interest Rate: 3.10% p.a. over EURIBOR", "EURIBOR", "310")]
    [TestCase("Advances bear interest at the euro short-term rate (€STR), compounded daily in arrears, plus a margin of 190 bps per annum.", "ESTR", "190")]
    [TestCase("Interest. Compounded TONA in arrears plus a margin of 0.85% per annum.", "TONA", "85")]
    [TestCase("Amounts bear interest at the Prime\nRate plus 1.50% per annum.", "PRIME", "150")]
    [TestCase("Interest Rate: Term CORRA (floor 0.00%) + 2.10%", "CORRA", "210")]
    [TestCase("Benchmark: Compounded SONIA\nMargin: 3.25% per annum", "SONIA", "325")]
    public void FloatingRate_GivesBenchmarkAndMarginInBasisPoints(string text, string benchmark, string margin)
    {
        var terms = Terms.Extract(text);
        Assert.Multiple(() =>
        {
            Assert.That(terms.Value(SheetFields.RateType), Is.EqualTo("floating"));
            Assert.That(terms.Value(SheetFields.Benchmark), Is.EqualTo(benchmark));
            Assert.That(terms.Value(SheetFields.MarginBps), Is.EqualTo(margin));
            Assert.That(terms.Value(SheetFields.FixedRatePercent), Is.Null);
        });
    }

    [TestCase("The Loan bears interest at a fixed rate of 6.25% per annum.", "6.25")]
    [TestCase("Interest Rate: 7.10% per annum, fixed for the life of the loan", "7.1")]
    [TestCase("Fixed Rate | 5.875%", "5.875")]
    public void FixedRate_GivesThePercentAndNoBenchmark(string text, string percent)
    {
        var terms = Terms.Extract(text + "\nBreakage costs are calculated by reference to Term SOFR.\nMinimum Fixed Charge Coverage Ratio: 1.25x");
        Assert.Multiple(() =>
        {
            Assert.That(terms.Value(SheetFields.RateType), Is.EqualTo("fixed"));
            Assert.That(decimal.Parse(terms.Value(SheetFields.FixedRatePercent)!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(terms.Value(SheetFields.Benchmark), Is.Null);
            Assert.That(terms.Value(SheetFields.MarginBps), Is.Null);
        });
    }

    [Test]
    public void Margin_IsNeverTheDefaultInterestUplift()
    {
        var terms = Terms.Extract("Default Rate: SOFR plus 4.75% on overdue amounts\nInterest Rate: SOFR + 2.75%");
        Assert.That(terms.All(SheetFields.MarginBps), Is.EqualTo(new[] { "275" }));
    }

    [TestCase("Maturity Date: 30 June 2031")]
    [TestCase("Maturity Date: June 30, 2031")]
    [TestCase("Final Maturity: 2031-06-30")]
    [TestCase("Maturity Date: 30/06/2031")]
    [TestCase("Termination Date | 30th June, 2031")]
    [TestCase("All loans shall be repaid in full on 30-Jun-2031.")]
    [TestCase("Closing Date: 30 June 2026\nMaturity: five (5) years after the Closing Date")]
    [TestCase("The loan falls due on the date falling 60 months after the Closing Date, which is expected to be 30 June 2026.")]
    [TestCase("Closing Date: 30 June 2026\nTenor: 5 years")]
    public void MaturityDate_IsReadOrComputedFromATenor(string text) =>
        Assert.That(Terms.Extract(text).Value(SheetFields.MaturityDate), Is.EqualTo("2031-06-30"));

    [TestCase("Maturity Date: 06/07/2031")]
    [TestCase("Signing Date: 30 June 2026\nEffective Date: 1 July 2026")]
    [TestCase("The facility is available from the Closing Date (2 February 2026) until final maturity.")]
    public void MaturityDate_IsNotGuessedFromAmbiguousOrOtherDates(string text) =>
        Assert.That(Terms.Extract(text).Value(SheetFields.MaturityDate), Is.Null);

    [TestCase("Facility: Senior secured revolving credit facility with a letter of credit sublimit", "revolvingCredit")]
    [TestCase("Facility Type: Delayed Draw Term Loan", "delayedDrawTermLoan")]
    [TestCase("Type. Senior secured bridge loan facility.", "bridgeLoan")]
    [TestCase("Facility: Standby letter of credit facility", "letterOfCredit")]
    [TestCase("NON-REVOLVING TERM FACILITY - SUMMARY OF TERMS", "termLoan")]
    public void FacilityType_IsTheFirstKindNamedInTheCellOrTitle(string text, string expected) =>
        Assert.That(Terms.Extract(text).Value(SheetFields.FacilityType), Is.EqualTo(expected));

    [Test]
    public void Fees_AreNamedKindsWithBasisPointsOrAmounts()
    {
        var terms = Terms.Extract("""
            Fees. The Company will pay an arrangement fee of EUR 40,000 on signing; a utilisation fee of 0.15% per annum
            when more than 50% is drawn; a ticking fee of 35 bps on undrawn commitments; and a closing fee of 1.25%.
            Structuring fees are set out in a separate fee letter.
            No prepayment fee applies.
            Commitment fee: 35% of the applicable Margin.
            """);

        Assert.That(terms.All(SheetFields.Fee), Is.EqualTo(new[] { "arrangement:40000.00", "commitment:35bps", "upfront:125bps", "utilization:15bps" }));
    }

    [Test]
    public void Covenants_AreLimitsNotPricingLevels()
    {
        var terms = Terms.Extract("""
            Margin: 2.75% if Total Leverage Ratio is greater than 3.00x; 2.50% otherwise.
            Financial covenants:
            (i) Senior Funded Debt to EBITDA of not more than 3.25:1.00;
            (ii) Fixed Charge Coverage Ratio of not less than 1.10:1.00;
            (iii) Debt Service Coverage Ratio of at least 1.20x;
            (iv) Loan to value ratio of not more than 65% of appraised value;
            (v) Minimum Liquidity: USD 10,000,000;
            (vi) Tangible net worth shall not fall below EUR 75,000,000;
            (vii) Capital Expenditures not to exceed USD 5 million in any financial year.
            """);

        Assert.That(terms.All(SheetFields.Covenant), Is.EqualTo(new[]
        {
            "maxCapex:5000000.00", "maxLeverage:3.25", "maxLoanToValue:65.00", "minDebtServiceCoverage:1.20",
            "minFixedChargeCoverage:1.10", "minLiquidity:10000000.00", "minNetWorth:75000000.00",
        }));
    }

    [Test]
    public void Values_CarryTheirPageAndAShortCleanSnippet()
    {
        var filler = string.Join(' ', Enumerable.Repeat("Lorem ipsum dolor sit amet.", 30));
        var terms = Terms.Extract("Indicative terms\f", filler + "\nMaturity Date:\t30 June 2031\u0007 " + filler);
        var maturity = terms.Get(SheetFields.MaturityDate);

        Assert.Multiple(() =>
        {
            Assert.That(maturity.Page, Is.EqualTo(2));
            Assert.That(maturity.Snippet, Does.Contain("Maturity Date: 30 June 2031"));
            Assert.That(maturity.Snippet, Has.Length.LessThanOrEqualTo(200));
            Assert.That(maturity.Snippet.Any(char.IsControl), Is.False);
        });
    }

    [Test]
    public void EmptyDocument_GivesNothing() =>
        Assert.That(Terms.Extract().Values, Is.Empty);

    [Test]
    public void Extraction_IsDeterministic()
    {
        var first = Terms.Extract(LabelledSheet).Values;
        var second = Terms.Extract(LabelledSheet).Values;
        Assert.That(second, Is.EqualTo(first));
    }
}
