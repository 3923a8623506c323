using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MarketData.Application.Quotes;

/// <summary>
/// Latest quotes in Redis (<c>marketdata:quote:{SYMBOL}</c>), read with one MGET per request and
/// written after every commit that changes a quote, with a short TTL as a backstop. The cache is an
/// accelerator only: while Redis is disconnected it is skipped at once (no timeout is waited for)
/// and the database answers; a failed cache call is logged and treated as a miss.
/// </summary>
public sealed class QuoteCache(IConnectionMultiplexer redis, IOptions<MarketDataOptions> options, ILogger<QuoteCache> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RedisKey KeyOf(string symbol) => "marketdata:quote:" + symbol;

    /// <summary>The cached quotes of <paramref name="symbols"/>; a missing entry means "ask the database".</summary>
    public async Task<Dictionary<string, QuoteView>> GetAsync(IReadOnlyList<string> symbols)
    {
        var found = new Dictionary<string, QuoteView>(StringComparer.Ordinal);
        if (symbols.Count == 0 || !redis.IsConnected)
        {
            return found;
        }

        try
        {
            var values = await redis.GetDatabase().StringGetAsync(symbols.Select(KeyOf).ToArray());
            for (var i = 0; i < symbols.Count; i++)
            {
                if (values[i].HasValue && JsonSerializer.Deserialize<QuoteView>((string)values[i]!, Json) is { } quote)
                {
                    found[symbols[i]] = quote;
                }
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException or JsonException)
        {
            logger.LogWarning(e, "Quote cache read failed; serving from the database");
        }

        return found;
    }

    public async Task PutAsync(IReadOnlyList<QuoteView> quotes)
    {
        if (quotes.Count == 0 || !redis.IsConnected)
        {
            return;
        }

        try
        {
            var ttl = options.Value.QuoteCacheTtl;
            var database = redis.GetDatabase();
            await Task.WhenAll(quotes.Select(q => database.StringSetAsync(KeyOf(q.Symbol), JsonSerializer.Serialize(q, Json), ttl)));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Quote cache write failed; readers fall back to the database");
        }
    }
}
