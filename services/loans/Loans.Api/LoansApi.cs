using Loans.Application.Documents;
using Loans.Application.Persistence;
using Loans.Application.Products;
using Loans.Infrastructure;
using Platform.Hosting;
using Platform.Persistence;
using Platform.ServiceDefaults.OpenApi;
using Platform.Storage;

namespace Loans.Api;

internal static class LoansApi
{
    public static readonly PlatformService Service = new("loans", LoansDb.Schema)
    {
        Migrations = typeof(LoansInfrastructure).Assembly,
        UseCases = typeof(LoansDb).Assembly,
        Events = new LoansEvents(),
        Jobs = jobs => jobs.Add<ExtractionJob, ExtractDocumentTerms>(ExtractDocumentTerms.JobType, ExtractDocumentTerms.Timeout),
        AdminRoutePrefix = "/api/v1/loan-bookings/admin",
    };

    public static WebApplicationBuilder AddLoansApi(this WebApplicationBuilder builder)
    {
        builder.AddLoansInfrastructure();
        builder.AddPlatformDocumentStore();
        builder.Services.AddAuthorization(LoanPolicies.Add);
        builder.Services.AddSingleton<ProductCatalog>();
        // Bounded: one entry per (list version, filter, scope); see ListCounts.
        builder.Services.AddMemoryCache(cache => cache.SizeLimit = 10_000);
        builder.Services.AddSingleton<ListCounts>();
        builder.Services.AddSingleton(new UploadSpoolOptions());
        builder.Services.AddSingleton<UploadSpool>();
        builder.Services.AddSingleton<ContentSniffer>();
        builder.Services.DescribeOpenApiTags(
            ("Loan bookings", "Commercial loans booked from signed documents: draft, submitted, approved (four-eyes), booked or rejected; documents, term extraction and the booking sheet."),
            ("Loan products", "The desk's loan products and their rate and term ranges; admins maintain them."));
        return builder;
    }
}
