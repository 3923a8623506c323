using Deals.Application.Persistence;
using Microsoft.AspNetCore.Builder;
using Platform.Persistence.Idempotency;

namespace Deals.Infrastructure;

public static class DealsInfrastructure
{
    /// <summary>What deals adds to the platform's composition: the purge of expired idempotency records.</summary>
    public static WebApplicationBuilder AddDealsInfrastructure(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdempotencyPurge<DealsDb>();
        return builder;
    }
}
