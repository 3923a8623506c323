using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults;

namespace Portfolio.Application.Risk;

/// <summary>A report already serialised as the API answers it, with the ETag of the book state it was computed from.</summary>
public sealed record CachedAnalytics(ReadOnlyMemory<byte> Json, string ETag);

/// <summary>
/// Exposures and greeks of a large book cost tens of milliseconds to value, group and serialise, and
/// dashboards read them far more often than the book or the prices change. Each replica keeps the
/// serialised answer per (report, <see cref="BookStamp"/>); a changed position, strategy, portfolio or
/// market row gives a new stamp, so a stale answer is never served (replicas agree because the stamp
/// comes from the database, not from local events). Entries are bounded by total size.
/// </summary>
public sealed class AnalyticsCache(IOptions<RiskOptions> options) : IDisposable
{
    private static readonly JsonSerializerOptions Json = ApiJson();

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = options.Value.AnalyticsCacheBytes });

    public bool TryGet(string report, string stamp, out CachedAnalytics entry) =>
        _entries.TryGetValue((report, stamp), out entry!);

    public CachedAnalytics Store<T>(string report, string stamp, T value)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, Json);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(report + ":" + stamp)))[..32]}\"";
        var entry = new CachedAnalytics(json, etag);
        _entries.Set((report, stamp), entry, new MemoryCacheEntryOptions
        {
            Size = json.Length,
            // An old stamp is never asked for again once the book moves on: let it go rather than wait for size pressure.
            SlidingExpiration = TimeSpan.FromMinutes(10),
        });
        return entry;
    }

    public void Dispose() => _entries.Dispose();

    // The same settings the HTTP layer uses, so a cached answer is byte-for-byte what the endpoint would have written.
    private static JsonSerializerOptions ApiJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ServiceDefaultsExtensions.ConfigureJson(json);
        return json;
    }
}
