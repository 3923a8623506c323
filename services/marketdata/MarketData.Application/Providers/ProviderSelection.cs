namespace MarketData.Application.Providers;

/// <summary>Which provider serves each capability (<c>MarketData:Providers</c>); every one defaults to the offline <c>Simulated</c>.</summary>
public sealed class ProviderSelection
{
    public const string Section = "MarketData:Providers";
    public const string Simulated = "Simulated";

    public string Reference { get; set; } = Simulated;
    public string DailyBars { get; set; } = Simulated;
    public string Quotes { get; set; } = Simulated;
    public string Fx { get; set; } = Simulated;
    public string Options { get; set; } = Simulated;
}

/// <summary>
/// The providers chosen by <see cref="ProviderSelection"/>, resolved once. Start-up fails when a
/// named provider is not registered or cannot serve the capability it was chosen for.
/// </summary>
public sealed class MarketDataSources
{
    public MarketDataSources(IEnumerable<IMarketDataProvider> providers, Microsoft.Extensions.Options.IOptions<ProviderSelection> selection)
    {
        var byName = providers.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var chosen = selection.Value;
        Reference = Pick<IReferenceDataSource>(byName, chosen.Reference, nameof(chosen.Reference));
        DailyBars = Pick<IDailyBarSource>(byName, chosen.DailyBars, nameof(chosen.DailyBars));
        Quotes = Pick<IQuoteSource>(byName, chosen.Quotes, nameof(chosen.Quotes));
        Fx = Pick<IFxRateSource>(byName, chosen.Fx, nameof(chosen.Fx));
        Options = Pick<IOptionChainSource>(byName, chosen.Options, nameof(chosen.Options));
    }

    public IReferenceDataSource Reference { get; }
    public IDailyBarSource DailyBars { get; }
    public IQuoteSource Quotes { get; }
    public IFxRateSource Fx { get; }
    public IOptionChainSource Options { get; }

    private static T Pick<T>(Dictionary<string, IMarketDataProvider> byName, string name, string capability)
        where T : class, IMarketDataProvider
    {
        if (!byName.TryGetValue(name, out var provider))
        {
            throw new InvalidOperationException(
                $"{ProviderSelection.Section}:{capability} names '{name}', which is not a configured provider (known: {string.Join(", ", byName.Keys)}).");
        }

        return provider as T
            ?? throw new InvalidOperationException($"{ProviderSelection.Section}:{capability}: the provider '{name}' does not serve {capability}.");
    }
}
