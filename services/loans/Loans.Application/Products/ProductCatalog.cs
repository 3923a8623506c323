using System.Text.Json;
using System.Text.Json.Serialization;
using Loans.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Loans.Application.Products;

/// <summary>
/// The product list, cached in Redis for an hour and shared by every replica. A change bumps a
/// generation counter instead of deleting the entry: a replica that read the database just before the
/// change and writes its copy just after writes it under the old generation, which nobody reads any
/// more, so no stale list can outlive a change. Without Redis the catalog is read from PostgreSQL.
/// </summary>
public sealed class ProductCatalog(IConnectionMultiplexer redis, ILogger<ProductCatalog> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private const string GenerationKey = "loans:products:generation";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<IReadOnlyList<LoanProductView>> AllAsync(LoansDb db, CancellationToken cancellationToken)
    {
        string? key = null;
        try
        {
            var cache = redis.GetDatabase();
            key = $"loans:products:{(long?)await cache.StringGetAsync(GenerationKey) ?? 0}";
            if (await cache.StringGetAsync(key) is { HasValue: true } cached)
            {
                return JsonSerializer.Deserialize<List<LoanProductView>>(cached.ToString(), Json)!;
            }
        }
        catch (RedisException failure)
        {
            logger.LogWarning(failure, "Product cache unavailable; reading products from the database");
            key = null;
        }

        var products = await db.Products.AsNoTracking().OrderBy(p => p.Code).ToListAsync(cancellationToken);
        var views = products.Select(LoanProductView.Of).ToList();
        if (key is not null)
        {
            try
            {
                await redis.GetDatabase().StringSetAsync(key, JsonSerializer.Serialize(views, Json), Lifetime);
            }
            catch (RedisException failure)
            {
                logger.LogWarning(failure, "Could not store the product list in the cache");
            }
        }

        return views;
    }

    /// <summary>Called after a product change has committed: every replica's next read goes to the database.</summary>
    public async Task InvalidateAsync()
    {
        try
        {
            await redis.GetDatabase().StringIncrementAsync(GenerationKey);
        }
        catch (RedisException failure)
        {
            // The entry expires within the hour; until then replicas may serve the previous list.
            logger.LogError(failure, "Could not invalidate the product cache; cached lists expire within {Lifetime}", Lifetime);
        }
    }
}
