using System.Text;
using Portfolio.Application.Reports.Rendering;

namespace Portfolio.Tests.Reports;

/// <summary>The format-independent rendering: CSV escaping, chart scales, and a PDF that PdfPig reads back. No servers.</summary>
public sealed class ReportRenderingTests
{
    private static readonly ReportDocument Sample = new("Sample report", ["Period: 2026-01-01 to 2026-12-04"],
    [
        new ReportTable("Positions", ["symbol", "note", "marketValue", "date"],
        [
            ["=HYPERLINK(\"http://x\")", "+1", -1234.5m, new DateOnly(2026, 12, 4)],
            ["@SUM(A1)", "-2", 0m, null],
            ["ACME, \"quoted\"", "multi\nline", 1_000_000.25m, null],
            ["\tTAB", "\rCR", 3, null],
        ]),
        new ReportChart("P&L history", ChartStyle.Line, "profitAndLoss", [new("2026-01-02", -5), new("2026-01-05", 12.5), new("2026-01-06", 3)]),
        new ReportChart("Net exposure by sector", ChartStyle.Bar, "net", [new("Tech", 120_000), new("Energy", -40_000)]),
    ]);

    [Test]
    public async Task Csv_NeutralisesFormulasInText_ButNotNegativeNumbers()
    {
        var blocks = await ReportSupport.CsvBlocksAsync(await ReportCsv.ToBytesAsync(Sample, CancellationToken.None));

        var rows = blocks.Rows("Positions");
        Assert.That(rows.Select(r => r["symbol"]), Is.EqualTo(new[] { "'=HYPERLINK(\"http://x\")", "'@SUM(A1)", "ACME, \"quoted\"", "'\tTAB" }));
        Assert.That(rows.Select(r => r["note"]), Is.EqualTo(new[] { "'+1", "'-2", "multi\nline", "'\rCR" }));
        Assert.That(rows.Select(r => r["marketValue"]), Is.EqualTo(new[] { "-1234.5", "0", "1000000.25", "3" }), "numbers are written as numbers, sign included");
        Assert.That(rows[0]["date"], Is.EqualTo("2026-12-04"));
    }

    [Test]
    public async Task Csv_QuotesSeparatorsAndWritesChartsAsPoints()
    {
        var text = Encoding.UTF8.GetString(await ReportCsv.ToBytesAsync(Sample, CancellationToken.None));

        Assert.That(text, Does.Contain("\"ACME, \"\"quoted\"\"\""));
        Assert.That(text, Does.Contain("\r\nP&L history\r\nlabel,profitAndLoss\r\n2026-01-02,-5\r\n2026-01-05,12.5\r\n"));
    }

    [TestCase(new[] { 0.0, 95.0 }, 0.0, 100.0, 20.0)]
    [TestCase(new[] { -40_000.0, 120_000.0 }, -50_000.0, 150_000.0, 50_000.0)]
    [TestCase(new[] { 3.0, 3.0 }, 0.0, 3.0, 1.0)]
    [TestCase(new[] { -7.0 }, -8.0, 0.0, 2.0)]
    [TestCase(new[] { 0.0 }, 0.0, 1.0, 0.2)]
    public void Scale_IncludesZero_AndUsesNiceSteps(double[] values, double min, double max, double step)
    {
        var scale = ChartScale.For(values);

        Assert.That((scale.Min, scale.Max, scale.Step), Is.EqualTo((min, max, step)));
        Assert.That(scale.Ticks[0], Is.EqualTo(min));
        Assert.That(scale.Ticks[^1], Is.EqualTo(max));
    }

    [Test]
    public void Scale_MapsMaxToTheTopAndMinToTheBottom()
    {
        var scale = ChartScale.For([-50.0, 150.0]);

        Assert.That(scale.Y(scale.Max, top: 100, height: 200), Is.EqualTo(100));
        Assert.That(scale.Y(scale.Min, top: 100, height: 200), Is.EqualTo(300));
        Assert.That(scale.Y(0, top: 100, height: 200), Is.EqualTo(250), "zero is three quarters of the way down from 150 to -50");
    }

    [TestCase(0.7, 1.0)]
    [TestCase(1.3, 2.0)]
    [TestCase(2.2, 2.5)]
    [TestCase(3.1, 5.0)]
    [TestCase(7.0, 10.0)]
    [TestCase(1234.0, 2000.0)]
    [TestCase(0.031, 0.05)]
    public void NiceStep_RoundsUpToOneTwoTwoAndAHalfOrFive(double rough, double nice) =>
        Assert.That(ChartScale.NiceStep(rough), Is.EqualTo(nice).Within(1e-12));

    [Test]
    public void Scale_RefusesValuesThatAreNotFinite() =>
        Assert.That(() => ChartScale.For([1.0, double.NaN]), Throws.ArgumentException);

    [Test]
    public void Pdf_HasTheTextTablesAndChartsDrawn()
    {
        var (pages, text, paths) = ReportSupport.ReadPdf(ReportPdf.ToBytes(Sample, "tests"));

        Assert.That(pages, Is.EqualTo(1));
        Assert.That(text, Does.Contain("Sample report").And.Contain("Net exposure by sector").And.Contain("1,000,000.25").And.Contain("-1,234.50"));
        Assert.That(paths, Is.GreaterThan(10), "axes, grid lines, the line and the bars are vector paths");
    }

    [Test]
    public void Pdf_BreaksALongTableAcrossPages()
    {
        var rows = Enumerable.Range(0, 300).Select(i => (IReadOnlyList<object?>)[$"SYM{i}", i * 1.5m]).ToList();
        var document = new ReportDocument("Long", [], [new ReportTable("Rows", ["symbol", "value"], rows)]);

        var (pages, text, _) = ReportSupport.ReadPdf(ReportPdf.ToBytes(document, "tests"));

        Assert.That(pages, Is.GreaterThanOrEqualTo(4));
        Assert.That(text, Does.Contain("SYM0").And.Contain("SYM299"));
    }
}
