namespace Portfolio.Domain.Modeling;

/// <summary>
/// One trade of a what-if session: a ticker or a canonical OCC option symbol, a signed quantity (shares or
/// contracts; negative sells), and the price it would be done at, or null to take the latest close.
/// </summary>
public sealed record HypotheticalTrade(Guid Id, string Symbol, decimal Quantity, decimal? Price);
