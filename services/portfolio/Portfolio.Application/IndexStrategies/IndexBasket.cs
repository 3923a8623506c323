using Platform.SharedKernel;
using Portfolio.Application.Market;
using Portfolio.Domain.IndexStrategies;

namespace Portfolio.Application.IndexStrategies;

internal static class IndexBasket
{
    /// <summary>Every symbol known to marketdata (asked, and from then on tracked, when the service has not seen it): 400 on an unknown one, 503 when marketdata does not answer.</summary>
    public static async Task<Result> CheckKnownAsync(this InstrumentDirectory directory, IReadOnlyList<string> symbols, CancellationToken cancellationToken)
    {
        var lookups = await directory.DescribeAsync(symbols, cancellationToken);
        var unknown = symbols.Where(s => lookups[s].Unknown).ToList();
        if (unknown.Count > 0)
        {
            return IndexStrategyErrors.UnknownSymbols(unknown);
        }

        return symbols.Any(s => lookups[s].Unavailable) ? IndexStrategyErrors.MarketDataUnavailable : Result.Ok();
    }
}
