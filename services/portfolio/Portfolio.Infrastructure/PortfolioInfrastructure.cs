using Microsoft.AspNetCore.Builder;
using Platform.Persistence.Idempotency;
using Portfolio.Application.Persistence;

namespace Portfolio.Infrastructure;

public static class PortfolioInfrastructure
{
    /// <summary>What portfolio adds to the platform's composition: the purge of expired idempotency records.</summary>
    public static WebApplicationBuilder AddPortfolioInfrastructure(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdempotencyPurge<PortfolioDb>();
        return builder;
    }
}
