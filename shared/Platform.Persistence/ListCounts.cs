using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Platform.Persistence;

/// <summary>
/// Exact list totals without counting on every request. A statement trigger bumps a one-row version
/// table in the same transaction as any write to the listed table (<see cref="ListVersionMigrations"/>),
/// so a count cached under the version a request reads is exactly what a fresh count would give:
/// counting tens of thousands of matches costs milliseconds, reading the version one indexed row.
/// In-process is right: a new version (any write, on any replica) makes every older entry unreachable.
/// Register as a singleton with a size-limited <see cref="IMemoryCache"/> (one entry per version and filter).
/// </summary>
public sealed class ListCounts(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <param name="versionTable">The version table, schema-qualified (<c>deals.deal_list_version</c>); a constant, never input.</param>
    /// <param name="filter">Everything that changes which rows match (not the sort), serialized into the cache key.</param>
    public async Task<long> CountAsync<T>(DbContext db, string versionTable, IQueryable<T> matching, object filter, CancellationToken cancellationToken)
    {
#pragma warning disable EF1002 // the table name is a constant of the calling service
        var version = await db.Database
            .SqlQueryRaw<long>($"SELECT version AS \"Value\" FROM {versionTable} WHERE id = 1")
            .SingleAsync(cancellationToken);
#pragma warning restore EF1002
        var key = $"{versionTable}:{version}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(filter))))}";
        if (cache.TryGetValue(key, out long total))
        {
            return total;
        }

        total = await matching.LongCountAsync(cancellationToken);
        cache.Set(key, total, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return total;
    }
}
