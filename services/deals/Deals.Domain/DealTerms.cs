namespace Deals.Domain;

/// <summary>
/// Everything an analyst enters about a deal: what create, update and import carry. Review state,
/// ownership and the derived figures (spread, annualized return) are not terms: the aggregate owns them.
/// </summary>
public sealed record DealTerms
{
    public required string Name { get; init; }
    public required DealType Type { get; init; }
    public LifecycleStage Stage { get; init; } = LifecycleStage.Announced;

    public required string TargetName { get; init; }
    public string? TargetTicker { get; init; }
    public string? TargetExchange { get; init; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? TargetCountry { get; init; }

    public string? AcquirerName { get; init; }
    public string? AcquirerTicker { get; init; }

    public string? Sector { get; init; }
    public string? Industry { get; init; }
    public string? Region { get; init; }

    public required DateOnly AnnouncedOn { get; init; }
    public DateOnly? ExpectedCloseOn { get; init; }
    public DateOnly? ActualCloseOn { get; init; }

    public decimal? DealValue { get; init; }

    /// <summary>ISO 4217; every amount and price of the deal is in this currency.</summary>
    public required string Currency { get; init; }

    public ConsiderationType Consideration { get; init; } = ConsiderationType.Cash;

    /// <summary>Cash paid per target share.</summary>
    public decimal? OfferPricePerShare { get; init; }

    /// <summary>Acquirer shares paid per target share.</summary>
    public decimal? ExchangeRatio { get; init; }

    public decimal? PremiumPercent { get; init; }
    public decimal? CurrentTargetPrice { get; init; }
    public decimal? CurrentAcquirerPrice { get; init; }

    /// <summary>The date the current prices were observed; the spread is annualized from it.</summary>
    public DateOnly? PricesAsOf { get; init; }

    /// <summary>Between 0 and 1.</summary>
    public decimal? ProbabilityOfClose { get; init; }

    public decimal? BreakFee { get; init; }
    public IReadOnlyList<string> RegulatoryApprovals { get; init; } = [];
    public IReadOnlyList<string> Advisors { get; init; } = [];
    public string? Financing { get; init; }
    public bool IsHostile { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? AnalystNotes { get; init; }
    public string? SourceDocumentRef { get; init; }

    /// <summary>Value equality including the lists (a record alone compares them by reference).</summary>
    public bool SameAs(DealTerms other) =>
        this with { RegulatoryApprovals = NoItems, Advisors = NoItems, Tags = NoItems } == other with { RegulatoryApprovals = NoItems, Advisors = NoItems, Tags = NoItems }
        && RegulatoryApprovals.SequenceEqual(other.RegulatoryApprovals, StringComparer.Ordinal)
        && Advisors.SequenceEqual(other.Advisors, StringComparer.Ordinal)
        && Tags.SequenceEqual(other.Tags, StringComparer.Ordinal);

    private static readonly IReadOnlyList<string> NoItems = [];
}
