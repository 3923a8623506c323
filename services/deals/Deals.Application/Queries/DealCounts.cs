using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Deals.Application.Csv;
using Deals.Application.Persistence;
using Deals.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Deals.Application.Queries;

/// <summary>
/// Exact list totals without counting on every request. A statement trigger bumps
/// <c>deal_list_version</c> in the same transaction as any write to the deals table, so a count cached
/// under the version a request reads is exactly what a fresh count would give. Counting tens of
/// thousands of matches costs milliseconds; reading the version costs one indexed row.
/// </summary>
public sealed class DealCounts(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    internal async Task<long> CountAsync(DealsDb db, IQueryable<Deal> matching, DealFilter filter, CancellationToken cancellationToken)
    {
        var version = await db.Database
            .SqlQueryRaw<long>($"SELECT version AS \"Value\" FROM {DealsDb.Schema}.deal_list_version WHERE id = 1")
            .SingleAsync(cancellationToken);
        var key = $"deals:count:{version}:{FilterKey(filter)}";
        if (cache.TryGetValue(key, out long total))
        {
            return total;
        }

        total = await matching.LongCountAsync(cancellationToken);
        cache.Set(key, total, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return total;
    }

    // The sort does not change the count; everything else in the filter does.
    private static string FilterKey(DealFilter filter) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(filter with { Sort = null }))));
}
