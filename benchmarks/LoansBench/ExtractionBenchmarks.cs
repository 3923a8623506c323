using Loans.Application.Documents;
using System.Text;
using BenchmarkDotNet.Attributes;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Loans.Application.Extraction;
using Loans.Infrastructure.Extraction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using PdfPageSize = UglyToad.PdfPig.Content.PageSize;

namespace LoansBench;

/// <summary>Reader + rule-based extractor on a 20-page document per format; results are per page.</summary>
[Config(typeof(InProcessShortRunConfig))]
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private const int Pages = 20;

    private ServiceProvider services = null!;
    private IDocumentTextReader reader = null!;
    private ITermExtractor extractor = null!;
    private byte[] pdf = [];
    private byte[] docx = [];
    private byte[] text = [];

    [GlobalSetup]
    public void Setup()
    {
        services = new ServiceCollection().AddTermExtraction(new ConfigurationBuilder().Build()).BuildServiceProvider();
        reader = services.GetRequiredService<IDocumentTextReader>();
        extractor = services.GetRequiredService<ITermExtractor>();
        pdf = BuildPdf();
        docx = BuildDocx();
        text = Encoding.UTF8.GetBytes(string.Join('\f', Enumerable.Range(1, Pages).Select(PageText)));
    }

    [GlobalCleanup]
    public void Cleanup() => services.Dispose();

    [Benchmark(OperationsPerInvoke = Pages)]
    public Task<TermExtraction> TextPdf() => RunAsync(pdf, DocumentTypes.Pdf);

    [Benchmark(OperationsPerInvoke = Pages)]
    public Task<TermExtraction> Docx() => RunAsync(docx, DocumentTypes.Docx);

    [Benchmark(OperationsPerInvoke = Pages)]
    public Task<TermExtraction> PlainText() => RunAsync(text, DocumentTypes.PlainText);

    private async Task<TermExtraction> RunAsync(byte[] content, string contentType)
    {
        var document = await reader.ReadAsync(new MemoryStream(content), contentType, CancellationToken.None);
        return await extractor.ExtractAsync(document, CancellationToken.None);
    }

    private static string PageText(int page) =>
        string.Join('\n', SampleTermSheet.Rows(page).Select(r => $"{r.Label}:\t{r.Value}").Concat(SampleTermSheet.Prose(page)));

    private static byte[] BuildPdf()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var page = 1; page <= Pages; page++)
        {
            var pdfPage = builder.AddPage(PdfPageSize.A4);
            var y = 800.0;
            foreach (var (label, value) in SampleTermSheet.Rows(page))
            {
                pdfPage.AddText(label, 9, new PdfPoint(40, y), font);
                pdfPage.AddText(value, 9, new PdfPoint(200, y), font);
                y -= 14;
            }

            foreach (var line in SampleTermSheet.Prose(page))
            {
                pdfPage.AddText(line, 9, new PdfPoint(40, y), font);
                y -= 12;
            }
        }

        return builder.Build();
    }

    private static byte[] BuildDocx()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var body = new Body();
            for (var page = 1; page <= Pages; page++)
            {
                body.Append(new Table(SampleTermSheet.Rows(page).Select(r => new TableRow(Cell(r.Label), Cell(r.Value)))));
                body.Append(SampleTermSheet.Prose(page).Select(Paragraph));
                body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
            }

            document.AddMainDocumentPart().Document = new Document(body);
        }

        return stream.ToArray();
    }

    private static Paragraph Paragraph(string text) => new(new Run(new Text(text)));

    private static TableCell Cell(string text) => new(Paragraph(text));
}
