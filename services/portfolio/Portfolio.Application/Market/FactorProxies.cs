namespace Portfolio.Application.Market;

/// <summary>The eight risk factors and the ETF whose returns stand for each; their history is kept like a held symbol's.</summary>
public static class FactorProxies
{
    public static readonly IReadOnlyList<(string Factor, string Etf)> All =
    [
        ("market", "SPY"),
        ("size", "IWM"),
        ("value", "IVE"),
        ("growth", "IVW"),
        ("momentum", "MTUM"),
        ("quality", "QUAL"),
        ("lowVolatility", "USMV"),
        ("rates", "TLT"),
    ];

    public static readonly IReadOnlyList<string> Etfs = [.. All.Select(f => f.Etf)];

    public const string Market = "SPY";
}
