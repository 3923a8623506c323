using Platform.SharedKernel;

namespace MarketData.Domain;

/// <summary>
/// A tracked instrument: the reference data a provider gave for it, and whether the platform keeps
/// its prices fresh. Admins (or a service on their behalf, such as deals) start tracking; nothing
/// here is ever deleted by a refresh, an asset is only deactivated.
/// </summary>
public sealed class Asset : AggregateRoot, IAudited
{
    public const int NameMaxLength = 200;
    public const int ExchangeMaxLength = 20;
    public const int ClassificationMaxLength = 100;

    private Asset()
    {
    }

    public string Symbol { get; private set; } = "";
    public string Name { get; private set; } = "";
    public AssetType Type { get; private set; }
    public string? Exchange { get; private set; }

    /// <summary>ISO 4217 currency of its prices.</summary>
    public string Currency { get; private set; } = "USD";

    /// <summary>GICS sector, from the provider's reference data.</summary>
    public string? Sector { get; private set; }

    /// <summary>GICS industry.</summary>
    public string? Industry { get; private set; }

    public bool Active { get; private set; }

    public static Asset Track(Guid id, AssetReference reference)
    {
        var asset = new Asset { Id = id, Active = true };
        asset.Describe(reference);
        return asset;
    }

    /// <summary>Reference data refreshed from the provider; a renamed company keeps its id and history.</summary>
    public void Describe(AssetReference reference)
    {
        Symbol = reference.Symbol;
        Name = reference.Name;
        Type = reference.Type;
        Exchange = reference.Exchange;
        Currency = reference.Currency;
        Sector = reference.Sector;
        Industry = reference.Industry;
    }

    public void Reactivate() => Active = true;

    public void Deactivate() => Active = false;
}

/// <summary>What a provider knows about a symbol.</summary>
public sealed record AssetReference(
    string Symbol,
    string Name,
    AssetType Type,
    string? Exchange,
    string Currency,
    string? Sector,
    string? Industry);
