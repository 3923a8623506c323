namespace MarketData.Application.Refresh;

/// <summary>Parameters of <c>market-data-refresh</c>: all active assets, or only these symbols.</summary>
public sealed record RefreshParams(string[]? Symbols = null);

/// <summary>Parameters of <c>asset-backfill</c>: the newly tracked symbol.</summary>
public sealed record BackfillParams(string Symbol = "");
