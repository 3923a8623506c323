using Loans.Application.Documents;
using Loans.Application.Extraction;
using Loans.Infrastructure.Extraction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Loans.Tests.Extraction;

/// <summary>The reader and extractor as the service registers them, with test settings, and no database.</summary>
public static class ExtractionServices
{
    /// <summary>Settings that point OCR at a program that does not exist.</summary>
    public static readonly Dictionary<string, string?> WithoutOcr = new() { ["Loans:Extraction:Ocr:Path"] = "/nonexistent/tesseract" };

    public static ServiceProvider Create(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        return new ServiceCollection().AddTermExtraction(configuration).BuildServiceProvider(validateScopes: true);
    }

    public static string ContentTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".pdf" => DocumentTypes.Pdf,
        ".docx" => DocumentTypes.Docx,
        ".txt" => DocumentTypes.PlainText,
        ".png" => DocumentTypes.Png,
        ".jpg" or ".jpeg" => DocumentTypes.Jpeg,
        _ => throw new ArgumentException($"No content type for {path}", nameof(path)),
    };
}
