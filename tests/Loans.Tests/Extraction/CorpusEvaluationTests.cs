using System.Globalization;
using System.Text.Json;
using Loans.Application.Extraction;
using Microsoft.Extensions.DependencyInjection;
using Loans.Domain.Sheets;

namespace Loans.Tests.Extraction;

/// <summary>
/// Scores reader + extractor on the held-out term sheets copied beside the tests (TermSheets/, each
/// document with its &lt;name&gt;.expected.json). Fails when the corpus is missing, so a broken copy step
/// cannot pass as a perfect score.
/// </summary>
public sealed class CorpusEvaluationTests
{
    private const double Target = 0.9;
    private const int MinimumDocuments = 20;

    private static readonly string[] DocumentExtensions = [".pdf", ".docx", ".txt", ".png", ".jpg", ".jpeg"];

    [Test]
    public async Task Corpus_MeetsPrecisionAndRecallTargetsForEveryField()
    {
        var directory = Path.Combine(TestContext.CurrentContext.TestDirectory, "TermSheets");
        var expectations = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.expected.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
        Assert.That(expectations, Has.Count.GreaterThanOrEqualTo(MinimumDocuments), $"term sheet corpus in {directory}");

        await using var services = ExtractionServices.Create();
        var reader = services.GetRequiredService<IDocumentTextReader>();
        var extractor = services.GetRequiredService<ITermExtractor>();
        var scores = CorpusValues.ScalarFields.Append(SheetFields.Fee).Append(SheetFields.Covenant).ToDictionary(f => f, _ => new FieldScore());
        foreach (var expectation in expectations)
        {
            var document = DocumentFor(expectation);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(expectation));
            await using var content = File.OpenRead(document);
            var text = await reader.ReadAsync(content, ExtractionServices.ContentTypeOf(document), CancellationToken.None);
            var extraction = await extractor.ExtractAsync(text, CancellationToken.None);
            foreach (var field in CorpusValues.ScalarFields)
            {
                var expected = CorpusValues.Scalar(json.RootElement, field);
                var extracted = extraction.Values.FirstOrDefault(v => v.Field == field)?.Value;
                scores[field].AddScalar(expected, extracted);
                Report(document, field, expected is null ? [] : [expected], extracted is null ? [] : [extracted]);
            }

            Score(scores[SheetFields.Fee], document, SheetFields.Fee, CorpusValues.Fees(json.RootElement), extraction);
            Score(scores[SheetFields.Covenant], document, SheetFields.Covenant, CorpusValues.Covenants(json.RootElement), extraction);
        }

        await TestContext.Out.WriteLineAsync($"{expectations.Count} documents");
        await TestContext.Out.WriteLineAsync($"| {"field",-18} | {"TP",3} | {"FP",3} | {"FN",3} | precision | recall |");
        foreach (var (field, score) in scores)
        {
            await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {field,-18} | {score.TruePositives,3} | {score.FalsePositives,3} | {score.FalseNegatives,3} | {score.Precision,9:0.00} | {score.Recall,6:0.00} |"));
        }

        Assert.Multiple(() =>
        {
            foreach (var (field, score) in scores)
            {
                Assert.That(score.Precision, Is.GreaterThanOrEqualTo(Target), $"{field} precision");
                Assert.That(score.Recall, Is.GreaterThanOrEqualTo(Target), $"{field} recall");
            }
        });
    }

    private static void Score(FieldScore score, string document, string field, List<string> expected, TermExtraction extraction)
    {
        var extracted = extraction.Values.Where(v => v.Field == field).Select(v => v.Value).ToList();
        score.AddSet(expected, extracted);
        Report(document, field, expected, extracted);
    }

    /// <summary>Each miss on its own line, so a failing run says which document to look at.</summary>
    private static void Report(string document, string field, IReadOnlyCollection<string> expected, IReadOnlyCollection<string> extracted)
    {
        var missed = expected.Where(e => !extracted.Any(x => CorpusValues.Equal(e, x))).ToList();
        var wrong = extracted.Where(x => !expected.Any(e => CorpusValues.Equal(e, x))).ToList();
        if (missed.Count > 0 || wrong.Count > 0)
        {
            TestContext.Out.WriteLine($"{Path.GetFileName(document)} {field}: expected [{string.Join(", ", missed)}] extracted [{string.Join(", ", wrong)}]");
        }
    }

    private static string DocumentFor(string expectation)
    {
        var stem = expectation[..^".expected.json".Length];
        return DocumentExtensions.Select(extension => stem + extension).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"No document beside {expectation}");
    }
}
