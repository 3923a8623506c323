using Loans.Application.Documents;
using System.Text;
using Loans.Application.Extraction;
using Loans.Infrastructure.Extraction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Loans.Domain.Sheets;

namespace Loans.Tests.Extraction;

public sealed class DocumentTextReaderTests
{
    private static readonly (string, string)[] Rows =
    [
        ("Borrower", "Northwind Logistics LLC"),
        ("Facility Amount", "USD 25,000,000"),
        ("Interest Rate", "Term SOFR + 2.75% per annum"),
    ];

    private const string SecondPage = "The facility matures on 30 June 2031.";

    [Test]
    public async Task Pdf_KeepsTableRowsOnOneLineAndNumbersPages()
    {
        var text = await ReadAsync(TestDocuments.Pdf(Rows, SecondPage), DocumentTypes.Pdf);

        Assert.Multiple(() =>
        {
            Assert.That(text.NeedsOcr, Is.False);
            Assert.That(text.Pages.Select(p => p.Number), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(Lines(text.Pages[0]), Does.Contain("Borrower\tNorthwind Logistics LLC"));
            Assert.That(Lines(text.Pages[0]), Does.Contain("Facility Amount\tUSD 25,000,000"));
            Assert.That(text.Pages[1].Text, Does.Contain(SecondPage));
        });
    }

    [Test]
    public async Task Docx_JoinsTableCellsAndSplitsOnPageBreaks()
    {
        var text = await ReadAsync(TestDocuments.Docx(Rows, SecondPage), DocumentTypes.Docx);

        Assert.Multiple(() =>
        {
            Assert.That(text.Pages.Select(p => p.Number), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(Lines(text.Pages[0]), Does.Contain("SUMMARY OF TERMS"));
            Assert.That(Lines(text.Pages[0]), Does.Contain("Borrower | Northwind Logistics LLC"));
            Assert.That(Lines(text.Pages[1]), Does.Contain(SecondPage));
        });
    }

    [Test]
    public async Task PlainText_SplitsPagesOnFormFeeds()
    {
        var text = await ReadAsync(Encoding.UTF8.GetBytes("Borrower: Nörðwind AS\fFacility Amount: NOK 5,000,000\fMaturity: 2031-06-30\f"), DocumentTypes.PlainText);

        Assert.Multiple(() =>
        {
            Assert.That(text.Pages.Select(p => p.Number), Is.EqualTo(new[] { 1, 2, 3 }), "a trailing form feed opens no page");
            Assert.That(text.Pages[0].Text, Is.EqualTo("Borrower: Nörðwind AS"));
            Assert.That(text.Pages[2].Text, Is.EqualTo("Maturity: 2031-06-30"));
        });
    }

    [Test]
    public async Task ReaderAndExtractor_FindTermsWithTheirPagesInEachFormat()
    {
        foreach (var (bytes, type) in new[]
        {
            (TestDocuments.Pdf(Rows, SecondPage), DocumentTypes.Pdf),
            (TestDocuments.Docx(Rows, SecondPage), DocumentTypes.Docx),
        })
        {
            var terms = Terms.ExtractFrom(await ReadAsync(bytes, type));
            Assert.Multiple(() =>
            {
                Assert.That(terms.Value(SheetFields.Borrower), Is.EqualTo("Northwind Logistics LLC"), type);
                Assert.That(terms.Value(SheetFields.Principal), Is.EqualTo("25000000.00"), type);
                Assert.That(terms.Value(SheetFields.MarginBps), Is.EqualTo("275"), type);
                Assert.That(terms.Get(SheetFields.MaturityDate).Page, Is.EqualTo(2), type);
            });
        }
    }

    [Test]
    public async Task Image_WithoutAnOcrProgram_NeedsOcr()
    {
        var text = await ReadAsync(TestImages.Png("BORROWER ACME LLC"), DocumentTypes.Png, ExtractionServices.WithoutOcr);

        Assert.Multiple(() =>
        {
            Assert.That(text.NeedsOcr, Is.True);
            Assert.That(text.Pages.Single().Text, Is.Empty);
        });
    }

    [Test]
    public async Task ScannedPdf_WithoutAnOcrProgram_NeedsOcr()
    {
        var text = await ReadAsync(TestDocuments.ScannedPdf(TestImages.Png("BORROWER ACME LLC")), DocumentTypes.Pdf, ExtractionServices.WithoutOcr);

        Assert.Multiple(() =>
        {
            Assert.That(text.NeedsOcr, Is.True);
            Assert.That(text.Pages.Single().Number, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Image_WithTesseract_IsRead()
    {
        AssumeTesseract();
        var text = await ReadAsync(TestImages.Png("BORROWER ACME LLC"), DocumentTypes.Png);

        Assert.Multiple(() =>
        {
            Assert.That(text.NeedsOcr, Is.False);
            Assert.That(text.Pages.Single().Text, Does.Contain("ACME").IgnoreCase);
        });
    }

    [Test]
    public async Task ScannedPdf_WithTesseract_IsRead()
    {
        AssumeTesseract();
        var text = await ReadAsync(TestDocuments.ScannedPdf(TestImages.Png("BORROWER ACME LLC")), DocumentTypes.Pdf);

        Assert.Multiple(() =>
        {
            Assert.That(text.NeedsOcr, Is.False);
            Assert.That(text.Pages.Single().Text, Does.Contain("ACME").IgnoreCase);
        });
    }

    [Test]
    public void UnknownContentType_IsRefused()
    {
        using var services = ExtractionServices.Create();
        var reader = services.GetRequiredService<IDocumentTextReader>();
        Assert.ThrowsAsync<NotSupportedException>(() => reader.ReadAsync(new MemoryStream([1, 2, 3]), "application/zip", CancellationToken.None));
    }

    [Test]
    public void OcrOptions_OutOfRange_FailValidation()
    {
        using var services = ExtractionServices.Create(new Dictionary<string, string?> { ["Loans:Extraction:Ocr:Timeout"] = "00:00:00" });
        Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<OcrOptions>>().Value);
    }

    [Test]
    public void ExtractorRegistration_IsTheRuleBasedEngine()
    {
        using var services = ExtractionServices.Create();
        Assert.That(services.GetRequiredService<ITermExtractor>(), Is.InstanceOf<RuleBasedTermExtractor>());
    }

    private static void AssumeTesseract()
    {
        using var services = ExtractionServices.Create();
        Assume.That(services.GetRequiredService<TesseractOcr>().IsAvailable, Is.True, "tesseract is not on PATH");
    }

    private static async Task<DocumentText> ReadAsync(byte[] content, string contentType, IReadOnlyDictionary<string, string?>? settings = null)
    {
        await using var services = ExtractionServices.Create(settings);
        return await services.GetRequiredService<IDocumentTextReader>().ReadAsync(new MemoryStream(content), contentType, CancellationToken.None);
    }

    private static string[] Lines(DocumentPage page) => page.Text.Split('\n', StringSplitOptions.TrimEntries);
}
