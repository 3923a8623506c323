using Loans.Application.Extraction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Loans.Infrastructure.Extraction;

public static class ExtractionSetup
{
    /// <summary>
    /// The document reader (OCR settings from <see cref="OcrOptions.Section"/>, validated at start) and the
    /// rule-based engine as <see cref="ITermExtractor"/>. Another engine replaces only that registration,
    /// keeping the rules as its fallback (docs/loans-extraction.md).
    /// </summary>
    public static IServiceCollection AddTermExtraction(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OcrOptions>().Bind(configuration.GetSection(OcrOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddLogging();
        services.AddSingleton<TesseractOcr>();
        services.AddSingleton<PdfTextReader>();
        services.AddSingleton<ImageTextReader>();
        services.AddSingleton<IDocumentTextReader, DocumentTextReader>();
        services.AddSingleton<RuleBasedTermExtractor>();
        services.AddSingleton<ITermExtractor>(provider => provider.GetRequiredService<RuleBasedTermExtractor>());
        return services;
    }
}
