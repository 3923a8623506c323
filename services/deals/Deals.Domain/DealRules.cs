using System.Text.RegularExpressions;
using Platform.SharedKernel;

namespace Deals.Domain;

/// <summary>
/// The rules a deal's terms must satisfy, checked the same way for create, update and every row of
/// an import. Field names in the errors are the API's (camelCase).
/// </summary>
public static partial class DealRules
{
    public const int NameMaxLength = 200;
    public const int LabelMaxLength = 100;
    public const int NotesMaxLength = 20_000;
    public const int FinancingMaxLength = 2_000;
    public const int SourceMaxLength = 500;
    public const int ListMaxItems = 50;
    public const int ListItemMaxLength = 200;
    public const int TagMaxLength = 50;

    /// <summary>Trims text, upper-cases codes, lower-cases tags, drops empty and repeated list items.</summary>
    public static DealTerms Normalize(DealTerms terms) => terms with
    {
        Name = terms.Name?.Trim() ?? string.Empty,
        TargetName = terms.TargetName?.Trim() ?? string.Empty,
        TargetTicker = Code(terms.TargetTicker),
        TargetExchange = Code(terms.TargetExchange),
        TargetCountry = Code(terms.TargetCountry),
        AcquirerName = Text(terms.AcquirerName),
        AcquirerTicker = Code(terms.AcquirerTicker),
        Sector = Text(terms.Sector),
        Industry = Text(terms.Industry),
        Region = Text(terms.Region),
        Currency = Code(terms.Currency) ?? string.Empty,
        Financing = Text(terms.Financing),
        AnalystNotes = Text(terms.AnalystNotes),
        SourceDocumentRef = Text(terms.SourceDocumentRef),
        RegulatoryApprovals = List(terms.RegulatoryApprovals, item => item),
        Advisors = List(terms.Advisors, item => item),
        Tags = List(terms.Tags, item => item.ToLowerInvariant()),
    };

    /// <summary>Field errors of already normalized terms; empty when the terms are valid.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(DealTerms terms)
    {
        var errors = new FieldErrors();

        errors.Text("name", terms.Name, NameMaxLength, required: true);
        errors.Text("targetName", terms.TargetName, NameMaxLength, required: true);
        errors.Text("acquirerName", terms.AcquirerName, NameMaxLength);
        errors.Text("sector", terms.Sector, LabelMaxLength);
        errors.Text("industry", terms.Industry, LabelMaxLength);
        errors.Text("region", terms.Region, LabelMaxLength);
        errors.Text("financing", terms.Financing, FinancingMaxLength);
        errors.Text("analystNotes", terms.AnalystNotes, NotesMaxLength, multiline: true);
        errors.Text("sourceDocumentRef", terms.SourceDocumentRef, SourceMaxLength);

        errors.Check("targetTicker", terms.TargetTicker is null || TickerPattern().IsMatch(terms.TargetTicker),
            "Must be a ticker of 1-6 letters or digits, optionally with a class suffix such as BRK.B or RDS-A.");
        errors.Check("acquirerTicker", terms.AcquirerTicker is null || TickerPattern().IsMatch(terms.AcquirerTicker),
            "Must be a ticker of 1-6 letters or digits, optionally with a class suffix such as BRK.B or RDS-A.");
        errors.Check("targetExchange", terms.TargetExchange is null || ExchangePattern().IsMatch(terms.TargetExchange),
            "Must be an exchange code of 2-10 letters or digits, such as NYSE or XLON.");
        errors.Check("targetCountry", terms.TargetCountry is null || CountryPattern().IsMatch(terms.TargetCountry),
            "Must be an ISO 3166-1 alpha-2 country code, such as US.");
        errors.Check("currency", Iso4217.IsActive(terms.Currency), "Must be an active ISO 4217 currency code, such as USD.");

        errors.Check("type", Enum.IsDefined(terms.Type), "Unknown deal type.");
        errors.Check("stage", Enum.IsDefined(terms.Stage), "Unknown lifecycle stage.");
        errors.Check("consideration", Enum.IsDefined(terms.Consideration), "Unknown consideration type.");

        errors.Check("expectedCloseOn", terms.ExpectedCloseOn is null || terms.ExpectedCloseOn >= terms.AnnouncedOn,
            "Must not be before the announcement date.");
        errors.Check("actualCloseOn", terms.ActualCloseOn is null || terms.ActualCloseOn >= terms.AnnouncedOn,
            "Must not be before the announcement date.");
        errors.Check("actualCloseOn", terms.Stage != LifecycleStage.Completed || terms.ActualCloseOn is not null,
            "A completed deal needs its actual close date.");
        errors.Check("actualCloseOn", terms.ActualCloseOn is null || terms.Stage == LifecycleStage.Completed,
            "Only a completed deal has an actual close date.");

        errors.Amount("dealValue", terms.DealValue, integerDigits: 18, scale: 2);
        errors.Amount("breakFee", terms.BreakFee, integerDigits: 18, scale: 2);
        errors.Amount("offerPricePerShare", terms.OfferPricePerShare, integerDigits: 12, scale: 6);
        errors.Amount("currentTargetPrice", terms.CurrentTargetPrice, integerDigits: 12, scale: 6);
        errors.Amount("currentAcquirerPrice", terms.CurrentAcquirerPrice, integerDigits: 12, scale: 6);
        errors.Amount("exchangeRatio", terms.ExchangeRatio, integerDigits: 10, scale: 8);
        errors.Amount("premiumPercent", terms.PremiumPercent, integerDigits: 5, scale: 4, minimum: -100m);
        errors.Amount("probabilityOfClose", terms.ProbabilityOfClose, integerDigits: 1, scale: 4, maximum: 1m);

        errors.Check("exchangeRatio", terms.Consideration != ConsiderationType.Cash || terms.ExchangeRatio is null,
            "An all-cash deal has no exchange ratio.");
        errors.Check("offerPricePerShare", terms.Consideration != ConsiderationType.Stock || terms.OfferPricePerShare is null,
            "An all-stock deal has no cash price per share; use the exchange ratio.");
        errors.Check("pricesAsOf", (terms.CurrentTargetPrice is null && terms.CurrentAcquirerPrice is null) || terms.PricesAsOf is not null,
            "Say when the current prices were observed.");

        errors.EntryList("regulatoryApprovals", terms.RegulatoryApprovals, ListItemMaxLength);
        errors.EntryList("advisors", terms.Advisors, ListItemMaxLength);
        errors.EntryList("tags", terms.Tags, TagMaxLength);
        errors.Check("tags", terms.Tags.All(tag => TagPattern().IsMatch(tag)),
            "Tags are lower-case letters, digits, spaces, '-' or '_'.");

        return errors.ToDictionary();
    }

    public static bool IsTicker(string value) => TickerPattern().IsMatch(value);

    private static string? Code(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToUpperInvariant();

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IReadOnlyList<string> List(IReadOnlyList<string>? items, Func<string, string> normalize) =>
        (items ?? []).Where(item => !string.IsNullOrWhiteSpace(item)).Select(item => normalize(item.Trim())).Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"^[A-Z0-9]{1,6}([.\-][A-Z0-9]{1,3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex TickerPattern();

    [GeneratedRegex("^[A-Z0-9]{2,10}$", RegexOptions.CultureInvariant)]
    private static partial Regex ExchangePattern();

    [GeneratedRegex("^[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex CountryPattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9 _\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    // '|' separates entries in the CSV export and import.
    private static void EntryList(this FieldErrors errors, string field, IReadOnlyList<string> items, int itemMaxLength)
    {
        errors.List(field, items, ListMaxItems, itemMaxLength);
        errors.Check(field, !items.Any(item => item.Contains('|', StringComparison.Ordinal)), "Entries cannot contain '|'.");
    }
}
