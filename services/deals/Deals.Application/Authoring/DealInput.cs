using System.Text.Json.Serialization;
using Deals.Application.Csv;
using Deals.Domain;
using Platform.SharedKernel;

namespace Deals.Application.Authoring;

/// <summary>
/// A deal's terms as a client sends them (JSON body or CSV row): everything optional, so a missing
/// field is reported by name like any other invalid one rather than as unreadable JSON. Enum fields
/// carry their converter here, not in serializer options, so every reader of the input applies it.
/// </summary>
public sealed record DealInput
{
    public string? Name { get; init; }
    [JsonConverter(typeof(EnumNameConverter<DealType>))]
    public DealType? Type { get; init; }
    [JsonConverter(typeof(EnumNameConverter<LifecycleStage>))]
    public LifecycleStage? Stage { get; init; }
    public string? TargetName { get; init; }
    public string? TargetTicker { get; init; }
    public string? TargetExchange { get; init; }
    public string? TargetCountry { get; init; }
    public string? AcquirerName { get; init; }
    public string? AcquirerTicker { get; init; }
    public string? Sector { get; init; }
    public string? Industry { get; init; }
    public string? Region { get; init; }
    public DateOnly? AnnouncedOn { get; init; }
    public DateOnly? ExpectedCloseOn { get; init; }
    public DateOnly? ActualCloseOn { get; init; }
    public decimal? DealValue { get; init; }
    public string? Currency { get; init; }
    [JsonConverter(typeof(EnumNameConverter<ConsiderationType>))]
    public ConsiderationType? Consideration { get; init; }
    public decimal? OfferPricePerShare { get; init; }
    public decimal? ExchangeRatio { get; init; }
    public decimal? PremiumPercent { get; init; }
    public decimal? CurrentTargetPrice { get; init; }
    public decimal? CurrentAcquirerPrice { get; init; }
    public DateOnly? PricesAsOf { get; init; }
    public decimal? ProbabilityOfClose { get; init; }
    public decimal? BreakFee { get; init; }
    public IReadOnlyList<string>? RegulatoryApprovals { get; init; }
    public IReadOnlyList<string>? Advisors { get; init; }
    public string? Financing { get; init; }
    public bool? IsHostile { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public string? AnalystNotes { get; init; }
    public string? SourceDocumentRef { get; init; }

    /// <summary>The domain's terms, or every missing required field plus every rule the terms break.</summary>
    public Result<DealTerms> ToTerms()
    {
        var missing = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Require(missing, "type", Type is not null);
        Require(missing, "announcedOn", AnnouncedOn is not null);

        var terms = DealRules.Normalize(new DealTerms
        {
            Name = Name ?? string.Empty,
            Type = Type ?? DealType.Acquisition,
            Stage = Stage ?? LifecycleStage.Announced,
            TargetName = TargetName ?? string.Empty,
            TargetTicker = TargetTicker,
            TargetExchange = TargetExchange,
            TargetCountry = TargetCountry,
            AcquirerName = AcquirerName,
            AcquirerTicker = AcquirerTicker,
            Sector = Sector,
            Industry = Industry,
            Region = Region,
            AnnouncedOn = AnnouncedOn ?? DateOnly.MinValue,
            ExpectedCloseOn = ExpectedCloseOn,
            ActualCloseOn = ActualCloseOn,
            DealValue = DealValue,
            Currency = Currency ?? string.Empty,
            Consideration = Consideration ?? ConsiderationType.Cash,
            OfferPricePerShare = OfferPricePerShare,
            ExchangeRatio = ExchangeRatio,
            PremiumPercent = PremiumPercent,
            CurrentTargetPrice = CurrentTargetPrice,
            CurrentAcquirerPrice = CurrentAcquirerPrice,
            PricesAsOf = PricesAsOf,
            ProbabilityOfClose = ProbabilityOfClose,
            BreakFee = BreakFee,
            RegulatoryApprovals = RegulatoryApprovals ?? [],
            Advisors = Advisors ?? [],
            Financing = Financing,
            IsHostile = IsHostile ?? false,
            Tags = Tags ?? [],
            AnalystNotes = AnalystNotes,
            SourceDocumentRef = SourceDocumentRef,
        });

        var errors = new Dictionary<string, string[]>(DealRules.Validate(terms), StringComparer.Ordinal);
        foreach (var (field, messages) in missing)
        {
            // A missing date makes "close before announcement" meaningless: report only that it is missing.
            errors[field] = messages;
            if (field == "announcedOn")
            {
                errors.Remove("expectedCloseOn");
                errors.Remove("actualCloseOn");
            }
        }

        return errors.Count > 0 ? DealErrors.Invalid(errors) : terms;
    }

    public static DealInput From(DealTerms terms) => new()
    {
        Name = terms.Name,
        Type = terms.Type,
        Stage = terms.Stage,
        TargetName = terms.TargetName,
        TargetTicker = terms.TargetTicker,
        TargetExchange = terms.TargetExchange,
        TargetCountry = terms.TargetCountry,
        AcquirerName = terms.AcquirerName,
        AcquirerTicker = terms.AcquirerTicker,
        Sector = terms.Sector,
        Industry = terms.Industry,
        Region = terms.Region,
        AnnouncedOn = terms.AnnouncedOn,
        ExpectedCloseOn = terms.ExpectedCloseOn,
        ActualCloseOn = terms.ActualCloseOn,
        DealValue = terms.DealValue,
        Currency = terms.Currency,
        Consideration = terms.Consideration,
        OfferPricePerShare = terms.OfferPricePerShare,
        ExchangeRatio = terms.ExchangeRatio,
        PremiumPercent = terms.PremiumPercent,
        CurrentTargetPrice = terms.CurrentTargetPrice,
        CurrentAcquirerPrice = terms.CurrentAcquirerPrice,
        PricesAsOf = terms.PricesAsOf,
        ProbabilityOfClose = terms.ProbabilityOfClose,
        BreakFee = terms.BreakFee,
        RegulatoryApprovals = terms.RegulatoryApprovals,
        Advisors = terms.Advisors,
        Financing = terms.Financing,
        IsHostile = terms.IsHostile,
        Tags = terms.Tags,
        AnalystNotes = terms.AnalystNotes,
        SourceDocumentRef = terms.SourceDocumentRef,
    };

    private static void Require(Dictionary<string, string[]> errors, string field, bool present)
    {
        if (!present)
        {
            errors[field] = ["Required."];
        }
    }
}
