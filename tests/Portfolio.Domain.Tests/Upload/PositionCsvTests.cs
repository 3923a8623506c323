using System.Text;
using Portfolio.Domain.Instruments;
using Portfolio.Domain.Pricing;
using Portfolio.Domain.Upload;

namespace Portfolio.Domain.Tests.Upload;

public sealed class PositionCsvTests
{
    private const string FullHeader = "symbol,quantity,entryPrice,entryDate,tags,strategy,multiplier,currency";
    private static readonly DateOnly Today = new(2026, 12, 5);

    internal static Task<PositionCsvResult> Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    internal static Task<PositionCsvResult> Parse(byte[] bytes) => PositionCsv.ParseAsync(new MemoryStream(bytes), Today);

    [Test]
    public async Task ParseAsync_ReadsStocksAndOptionsWithAllColumns()
    {
        var result = await Parse(
            FullHeader + "\n" +
            "brk.b,10.5,412.25,2024-02-29,core;us,,,USD\n" +
            "O:AAPL260116C00150000,-2,3.1,2025-06-02,hedge,Covered call,,\n" +
            "SPY   270319P00012500,1,0.5,2026-12-05,,,10,\n");

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Rows, Has.Count.EqualTo(3));
        var (stock, call, put) = (result.Rows[0], result.Rows[1], result.Rows[2]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((stock.Line, stock.Symbol, stock.Quantity, stock.EntryPrice, stock.EntryDate, stock.Type, stock.Option, stock.Multiplier, stock.Strategy, stock.Currency),
                Is.EqualTo((2, "BRK.B", 10.5m, 412.25m, new DateOnly(2024, 2, 29), PositionType.Long, (OccSymbol?)null, 1m, (string?)null, "USD")));
            Assert.That(stock.Tags, Is.EqualTo(new[] { "core", "us" }));
            Assert.That((call.Line, call.Symbol, call.Type, call.Multiplier, call.Strategy, call.Currency),
                Is.EqualTo((3, "AAPL  260116C00150000", PositionType.ShortCall, 100m, "Covered call", (string?)null)));
            Assert.That(call.Option, Is.EqualTo(new OccSymbol("AAPL", new DateOnly(2026, 1, 16), OptionRight.Call, 150m)));
            Assert.That((put.Line, put.Type, put.Multiplier, put.Option!.Strike), Is.EqualTo((4, PositionType.LongPut, 10m, 12.5m)));
            Assert.That(put.Tags, Is.Empty);
        }
    }

    [Test]
    public async Task ParseAsync_MatchesHeaderCaseInsensitivelyInAnyOrder()
    {
        var result = await Parse("EntryDate,QUANTITY,Symbol,entryprice\r\n2025-01-02,5,MSFT,300\r\n");

        Assert.That(result.Errors, Is.Empty);
        Assert.That((result.Rows[0].Symbol, result.Rows[0].Quantity, result.Rows[0].EntryPrice), Is.EqualTo(("MSFT", 5m, 300m)));
    }

    [Test]
    public async Task ParseAsync_AcceptsByteOrderMarkAndCrlf()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("symbol,quantity,entryPrice,entryDate\r\nMSFT,5,300,2025-01-02\r\nIBM,1,2,2025-01-02")).ToArray();

        var result = await Parse(bytes);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Rows.Select(r => (r.Line, r.Symbol, r.EntryDate)), Is.EqualTo(new[]
        {
            (2, "MSFT", new DateOnly(2025, 1, 2)),
            (3, "IBM", new DateOnly(2025, 1, 2)),
        }));
    }

    [Test]
    public async Task ParseAsync_FromATextReaderStillStripsAByteOrderMark()
    {
        var result = await PositionCsv.ParseAsync(new StringReader("\ufeffsymbol,quantity,entryPrice,entryDate\nMSFT,5,300,2025-01-02\n"), Today);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Rows.Single().Symbol, Is.EqualTo("MSFT"));
    }

    [Test]
    public async Task ParseAsync_WhenTheSymbolIsBad_DoesNotAlsoJudgeItsMultiplier()
    {
        var result = await Parse("symbol,quantity,entryPrice,entryDate,multiplier\nAAPL  260116X00150000,1,2,2025-01-02,10\n");

        Assert.That(result.Errors.Select(e => e.Field), Is.EqualTo(new[] { "symbol" }));
    }

    [Test]
    public async Task ParseAsync_ReadsQuotedFieldsWithCommasAndDoubledQuotes()
    {
        var result = await Parse(FullHeader + "\n\"MSFT\",\"1\",\"2\",\"2025-01-02\",\"a;b\",\"Iron condor, \"\"weekly\"\"\",\"\",\"\"\r\n");

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Rows[0].Strategy, Is.EqualTo("Iron condor, \"weekly\""));
        Assert.That(result.Rows[0].Tags, Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public async Task ParseAsync_SkipsEmptyLinesAndKeepsPhysicalLineNumbers()
    {
        var result = await Parse("symbol,quantity,entryPrice,entryDate\n\nMSFT,5,300,2025-01-02\r\n\r\nIBM,0,2,2025-01-02\n\n\r");

        Assert.That(result.Rows.Single().Line, Is.EqualTo(3));
        Assert.That(result.Errors, Is.EqualTo(new[] { new RowError(5, "quantity", "must not be zero") }));
    }

    [Test]
    public async Task ParseAsync_WhenFileIsEmpty_ReportsMissingHeader()
    {
        var result = await Parse("\n\n");

        Assert.That(result.Errors.Single(), Is.EqualTo(new RowError(1, "header", "the file is empty; the first line must name the columns")));
    }

    [Test]
    public async Task ParseAsync_WhenRequiredColumnsAreMissing_ReportsEachAndReadsNoRows()
    {
        var result = await Parse("symbol,qty,entryDate\nMSFT,5,2025-01-02\n");

        Assert.That(result.Rows, Is.Empty);
        Assert.That(result.Errors.Select(e => (e.Line, e.Field)), Is.EqualTo(new[] { (1, "qty"), (1, "quantity"), (1, "entryPrice") }));
    }

    [Test]
    public async Task ParseAsync_WhenColumnIsUnknownOrRepeated_ReportsItOnLineOneAndStillChecksRows()
    {
        var result = await Parse("symbol,quantity,entryPrice,entryDate,tag,Symbol\nMSFT,0,300,2025-01-02,x,MSFT\n");

        Assert.That(result.Errors.Select(e => (e.Line, e.Field)), Is.EqualTo(new[] { (1, "tag"), (1, "symbol"), (2, "quantity") }));
        Assert.That(result.Errors[0].Message, Does.StartWith("unknown column"));
        Assert.That(result.Errors[1].Message, Does.Contain("more than once"));
    }

    private static IEnumerable<TestCaseData> BadFields()
    {
        // symbol, quantity, entryPrice, entryDate, tags, strategy, multiplier, currency
        TestCaseData Case(string row, string field, string message) => new TestCaseData(row, field, message).SetArgDisplayNames(row.Replace("\0", "\\0", StringComparison.Ordinal));
        yield return Case(",1,2,2025-01-02,,,,", "symbol", "is required");
        yield return Case("BRK/B,1,2,2025-01-02,,,,", "symbol", "a ticker is");
        yield return Case("-ABC,1,2,2025-01-02,,,,", "symbol", "a ticker is");
        yield return Case("NOTATICKER123,1,2,2025-01-02,,,,", "symbol", "not an OCC option symbol");
        yield return Case("AAPL  260230C00150000,1,2,2025-01-02,,,,", "symbol", "expiry");
        yield return Case("AAPL  250117C00150000,1,2,2025-02-01,,,,", "symbol", "expired on 2025-01-17");
        yield return Case("MS\u202eFT,1,2,2025-01-02,,,,", "symbol", "U+202E");
        yield return Case("MSFT,0,2,2025-01-02,,,,", "quantity", "must not be zero");
        yield return Case("MSFT,-0.000,2,2025-01-02,,,,", "quantity", "must not be zero");
        yield return Case("MSFT,\"1,000\",2,2025-01-02,,,,", "quantity", "plain number");
        yield return Case("MSFT,1e3,2,2025-01-02,,,,", "quantity", "plain number");
        yield return Case("MSFT,1.2.3,2,2025-01-02,,,,", "quantity", "plain number");
        yield return Case("MSFT,-,2,2025-01-02,,,,", "quantity", "plain number");
        yield return Case("MSFT,abc,2,2025-01-02,,,,", "quantity", "plain number");
        yield return Case("MSFT,1.1234567,2,2025-01-02,,,,", "quantity", "at most 6 decimal places");
        yield return Case("MSFT,-1000000000000.01,2,2025-01-02,,,,", "quantity", "at most 1,000,000,000,000");
        yield return Case("MSFT,99999999999999999999999999999999,2,2025-01-02,,,,", "quantity", "too large");
        yield return Case("MSFT,1,,2025-01-02,,,,", "entryPrice", "is required");
        yield return Case("MSFT,1,-0.01,2025-01-02,,,,", "entryPrice", "must not be negative");
        yield return Case("MSFT,1,2000000000000,2025-01-02,,,,", "entryPrice", "at most 1,000,000,000,000");
        yield return Case("MSFT,1,2,2025-02-30,,,,", "entryDate", "real date");
        yield return Case("MSFT,1,2,02/01/2025,,,,", "entryDate", "real date");
        yield return Case("MSFT,1,2,2023-02-29,,,,", "entryDate", "real date");
        yield return Case("MSFT,1,2,0000-01-01,,,,", "entryDate", "real date");
        yield return Case("MSFT,1,2,2025-01-02T00:00,,,,", "entryDate", "real date");
        yield return Case("MSFT,1,2,2025-1-2,,,,", "entryDate", "real date");
        yield return Case("MSFT,1,2,2026-12-06,,,,", "entryDate", "today (2026-12-05)");
        yield return Case("MSFT,1,2,1899-12-31,,,,", "entryDate", "between 1900-01-01");
        yield return Case("MSFT,1,2,2025-01-02," + string.Join(';', Enumerable.Range(1, 21)) + ",,,", "tags", "at most 20 tags");
        yield return Case("MSFT,1,2,2025-01-02,ok;" + new string('t', 41) + ",,,", "tags", "at most 40 characters");
        yield return Case("MSFT,1,2,2025-01-02,a\tb,,,", "tags", "U+0009");
        yield return Case("MSFT,1,2,2025-01-02,," + new string('s', 101) + ",,", "strategy", "at most 100 characters");
        yield return Case("MSFT,1,2,2025-01-02,,a\0b,,", "strategy", "U+0000");
        yield return Case("MSFT,1,2,2025-01-02,,a\u007fb,,", "strategy", "U+007F");
        yield return Case("MSFT,1,2,2025-01-02,,a\u200bb,,", "strategy", "U+200B");
        yield return Case("MSFT,1,2,2025-01-02,,,0,", "multiplier", "greater than zero");
        yield return Case("MSFT,1,2,2025-01-02,,,10,", "multiplier", "must be 1 for a stock");
        yield return Case("MSFT,1,2,2025-01-02,,,x,", "multiplier", "plain number");
        yield return Case("MSFT,1,2,2025-01-02,,,,usd", "currency", "ISO 4217");
        yield return Case("MSFT,1,2,2025-01-02,,,,EURO", "currency", "ISO 4217");
        yield return Case("MSFT,1,2,2025-01-02,,,", "row", "expected 8 fields as in the header, found 7");
        yield return Case("MSFT,1,2,2025-01-02,,,,,", "row", "expected 8 fields as in the header, found 9");
        yield return Case("MS\"FT,1,2,2025-01-02,,,,", "row", "must be enclosed in quotes");
        yield return Case("\"MSFT\"x,1,2,2025-01-02,,,,", "row", "closing quote must be followed");
    }

    [TestCaseSource(nameof(BadFields))]
    public async Task ParseAsync_ReportsEachBadFieldWithItsLineAndName(string row, string field, string message)
    {
        var result = await Parse($"{FullHeader}\nIBM,1,2,2025-01-02,,,,\n{row}\nIBM,1,2,2025-01-02,,,,\n");

        Assert.That(result.Errors.Select(e => (e.Line, e.Field)), Is.EqualTo(new[] { (3, field) }), string.Join("; ", result.Errors));
        Assert.That(result.Errors[0].Message, Does.Contain(message));
        Assert.That(result.Rows.Select(r => r.Line), Is.EqualTo(new[] { 2, 4 }));
    }

    [Test]
    public async Task ParseAsync_ReportsEveryBadFieldOfARowAndContinues()
    {
        var result = await Parse($"{FullHeader}\nBAD/,0,-1,2030-01-01,,,,usd\nIBM,1,2,2025-01-02,,,,\nX,1,2,2025-01-02,,\0,,\n");

        Assert.That(result.Errors.Select(e => (e.Line, e.Field)), Is.EqualTo(new[]
        {
            (2, "symbol"), (2, "quantity"), (2, "entryPrice"), (2, "entryDate"), (2, "currency"), (4, "strategy"),
        }));
        Assert.That(result.Rows.Single().Line, Is.EqualTo(3));
    }

    private static IEnumerable<TestCaseData> ProblemsAroundAGoodRow()
    {
        var notUtf8 = Encoding.UTF8.GetBytes("symbol,quantity,entryPrice,entryDate,strategy\nIBM,1,2,2025-01-02,caf\u00e9\nIBM,1,2,2025-01-02,bad?\n");
        notUtf8[^2] = 0xff;
        yield return new TestCaseData(notUtf8, new RowError(3, "strategy", "contains a control or invisible character (U+FFFD)"), 2)
            .SetName("{m}_WhenBytesAreNotUtf8_ReportsTheField");
        yield return new TestCaseData(
                Encoding.UTF8.GetBytes("symbol,quantity,entryPrice,entryDate,strategy\nIBM,1,2,2025-01-02,\"two\r\nlines\"\r\nMSFT,1,2,2025-01-02,\r\n"),
                new RowError(2, "strategy", "contains a control or invisible character (U+000D)"), 4)
            .SetName("{m}_WhenAQuotedFieldSpansLines_ReportsTheNewlineAtTheRowsFirstLine");
        yield return new TestCaseData(
                Encoding.UTF8.GetBytes("symbol,quantity,entryPrice,entryDate\nIBM,1,2,2025-01-02\n\"IBM,1,2,2025-01-02\nMSFT,1,2,2025-01-02\n"),
                new RowError(3, "row", "a quoted field is not closed before the end of the file"), 2)
            .SetName("{m}_WhenAQuoteIsNeverClosed_ReportsTheRowWhereItStarted");
        yield return new TestCaseData(
                Encoding.UTF8.GetBytes($"symbol,quantity,entryPrice,entryDate\nIBM,1,2,{new string('x', 5000)}\nMSFT,1,2,2025-01-02\n"),
                new RowError(2, "row", "the line is longer than 4096 characters"), 3)
            .SetName("{m}_WhenALineIsTooLong_ReportsItAndReadsOn");
    }

    [TestCaseSource(nameof(ProblemsAroundAGoodRow))]
    public async Task ParseAsync(byte[] file, RowError error, int goodRowLine)
    {
        var result = await Parse(file);

        Assert.That(result.Errors.Single(), Is.EqualTo(error));
        Assert.That(result.Rows.Single().Line, Is.EqualTo(goodRowLine));
    }

    [Test]
    public async Task ParseAsync_WhenTheFileHasNoNewlines_ReportsOneTooLongLine()
    {
        var result = await Parse(new string('a', 10_000_000));

        Assert.That(result.Errors.Single(), Is.EqualTo(new RowError(1, "header", "the line is longer than 4096 characters")));
    }

    [Test]
    public async Task ParseAsync_CapsTheErrorListWithACount()
    {
        var text = new StringBuilder("symbol,quantity,entryPrice,entryDate\n");
        for (var i = 0; i < 1500; i++)
        {
            text.Append("IBM,0,1,2025-01-02\n");
        }

        var result = await Parse(text.ToString());

        Assert.That(result.Errors, Has.Count.EqualTo(PositionCsv.MaxErrors + 1));
        Assert.That(result.Errors[^1], Is.EqualTo(new RowError(1002, "file", "and 500 more errors from this line on")));
    }
}
