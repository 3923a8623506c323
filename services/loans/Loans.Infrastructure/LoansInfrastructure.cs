using Loans.Application.Persistence;
using Loans.Infrastructure.Extraction;
using Microsoft.AspNetCore.Builder;
using Platform.Persistence.Idempotency;

namespace Loans.Infrastructure;

public static class LoansInfrastructure
{
    /// <summary>What loans adds to the platform's composition beyond the shared parts.</summary>
    public static WebApplicationBuilder AddLoansInfrastructure(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdempotencyPurge<LoansDb>();
        builder.Services.AddTermExtraction(builder.Configuration);
        return builder;
    }
}
