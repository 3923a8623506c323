namespace MarketData.Application.History;

public sealed record BarView(DateOnly Date, decimal Open, decimal High, decimal Low, decimal Close, decimal AdjustedClose, long Volume);

/// <summary>Daily bars of one symbol, oldest first.</summary>
public sealed record HistoryView(string Symbol, string Currency, DateOnly From, DateOnly To, IReadOnlyList<BarView> Bars);
