namespace MarketData.Domain;

/// <summary>What an asset is; stored and served as camelCase text (<c>fxPair</c>).</summary>
public enum AssetType
{
    Equity,
    Etf,
    Index,
    FxPair,
}

/// <summary>The side of an option contract.</summary>
public enum OptionRight
{
    Call,
    Put,
}
