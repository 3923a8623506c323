using System.Globalization;
using Deals.Application.Authoring;
using Deals.Application.Queries;
using Deals.Domain;
using Platform.ServiceDefaults.Csv;
using Platform.SharedKernel;

namespace Deals.Application.Csv;

/// <summary>
/// The deal CSV format, shared by export and import so an export imports back unchanged. Columns with
/// no reader (id, review state, derived figures, audit columns) are exported for information and
/// ignored on import. Lists are separated by <see cref="ListSeparator"/>.
/// </summary>
internal static class DealCsv
{
    public const char ListSeparator = '|';

    private delegate DealInput Reader(DealInput input, string value, Action<string> fail);

    private sealed record Column(string Name, Action<CsvWriter, DealView> Write, Reader? Read = null);

    private static readonly Column[] Columns =
    [
        new("id", (w, d) => w.Write(d.Id.ToString())),
        new("name", (w, d) => w.WriteText(d.Name), (i, v, _) => i with { Name = v }),
        new("type", (w, d) => w.Write(Camel(d.Type)), (i, v, fail) => i with { Type = Enum<DealType>(v, fail) }),
        new("stage", (w, d) => w.Write(Camel(d.Stage)), (i, v, fail) => i with { Stage = Enum<LifecycleStage>(v, fail) }),
        new("reviewStatus", (w, d) => w.Write(Camel(d.ReviewStatus))),
        new("targetName", (w, d) => w.WriteText(d.TargetName), (i, v, _) => i with { TargetName = v }),
        new("targetTicker", (w, d) => w.WriteText(d.TargetTicker), (i, v, _) => i with { TargetTicker = v }),
        new("targetExchange", (w, d) => w.WriteText(d.TargetExchange), (i, v, _) => i with { TargetExchange = v }),
        new("targetCountry", (w, d) => w.WriteText(d.TargetCountry), (i, v, _) => i with { TargetCountry = v }),
        new("acquirerName", (w, d) => w.WriteText(d.AcquirerName), (i, v, _) => i with { AcquirerName = v }),
        new("acquirerTicker", (w, d) => w.WriteText(d.AcquirerTicker), (i, v, _) => i with { AcquirerTicker = v }),
        new("sector", (w, d) => w.WriteText(d.Sector), (i, v, _) => i with { Sector = v }),
        new("industry", (w, d) => w.WriteText(d.Industry), (i, v, _) => i with { Industry = v }),
        new("region", (w, d) => w.WriteText(d.Region), (i, v, _) => i with { Region = v }),
        new("announcedOn", (w, d) => w.Write(Date(d.AnnouncedOn)), (i, v, fail) => i with { AnnouncedOn = ParseDate(v, fail) }),
        new("expectedCloseOn", (w, d) => w.Write(Date(d.ExpectedCloseOn)), (i, v, fail) => i with { ExpectedCloseOn = ParseDate(v, fail) }),
        new("actualCloseOn", (w, d) => w.Write(Date(d.ActualCloseOn)), (i, v, fail) => i with { ActualCloseOn = ParseDate(v, fail) }),
        new("dealValue", (w, d) => w.Write(Number(d.DealValue)), (i, v, fail) => i with { DealValue = ParseNumber(v, fail) }),
        new("currency", (w, d) => w.WriteText(d.Currency), (i, v, _) => i with { Currency = v }),
        new("consideration", (w, d) => w.Write(Camel(d.Consideration)), (i, v, fail) => i with { Consideration = Enum<ConsiderationType>(v, fail) }),
        new("offerPricePerShare", (w, d) => w.Write(Number(d.OfferPricePerShare)), (i, v, fail) => i with { OfferPricePerShare = ParseNumber(v, fail) }),
        new("exchangeRatio", (w, d) => w.Write(Number(d.ExchangeRatio)), (i, v, fail) => i with { ExchangeRatio = ParseNumber(v, fail) }),
        new("premiumPercent", (w, d) => w.Write(Number(d.PremiumPercent)), (i, v, fail) => i with { PremiumPercent = ParseNumber(v, fail) }),
        new("currentTargetPrice", (w, d) => w.Write(Number(d.CurrentTargetPrice)), (i, v, fail) => i with { CurrentTargetPrice = ParseNumber(v, fail) }),
        new("currentAcquirerPrice", (w, d) => w.Write(Number(d.CurrentAcquirerPrice)), (i, v, fail) => i with { CurrentAcquirerPrice = ParseNumber(v, fail) }),
        new("pricesAsOf", (w, d) => w.Write(Date(d.PricesAsOf)), (i, v, fail) => i with { PricesAsOf = ParseDate(v, fail) }),
        new("spread", (w, d) => w.Write(Number(d.Spread))),
        new("annualizedReturn", (w, d) => w.Write(Number(d.AnnualizedReturn))),
        new("probabilityOfClose", (w, d) => w.Write(Number(d.ProbabilityOfClose)), (i, v, fail) => i with { ProbabilityOfClose = ParseNumber(v, fail) }),
        new("breakFee", (w, d) => w.Write(Number(d.BreakFee)), (i, v, fail) => i with { BreakFee = ParseNumber(v, fail) }),
        new("regulatoryApprovals", (w, d) => w.WriteText(List(d.RegulatoryApprovals)), (i, v, _) => i with { RegulatoryApprovals = ParseList(v) }),
        new("advisors", (w, d) => w.WriteText(List(d.Advisors)), (i, v, _) => i with { Advisors = ParseList(v) }),
        new("financing", (w, d) => w.WriteText(d.Financing), (i, v, _) => i with { Financing = v }),
        new("isHostile", (w, d) => w.Write(d.IsHostile ? "true" : "false"), (i, v, fail) => i with { IsHostile = ParseBool(v, fail) }),
        new("tags", (w, d) => w.WriteText(List(d.Tags)), (i, v, _) => i with { Tags = ParseList(v) }),
        new("analystNotes", (w, d) => w.WriteText(d.AnalystNotes), (i, v, _) => i with { AnalystNotes = v }),
        new("sourceDocumentRef", (w, d) => w.WriteText(d.SourceDocumentRef), (i, v, _) => i with { SourceDocumentRef = v }),
        new("ownerId", (w, d) => w.Write(d.OwnerId.ToString())),
        new("submittedAt", (w, d) => w.Write(Timestamp(d.SubmittedAt))),
        new("reviewerId", (w, d) => w.Write(d.ReviewerId?.ToString())),
        new("reviewedAt", (w, d) => w.Write(Timestamp(d.ReviewedAt))),
        new("reviewComment", (w, d) => w.WriteText(d.ReviewComment)),
        new("createdAt", (w, d) => w.Write(Timestamp(d.CreatedAt))),
        new("createdBy", (w, d) => w.WriteText(d.CreatedBy)),
        new("updatedAt", (w, d) => w.Write(Timestamp(d.UpdatedAt))),
        new("updatedBy", (w, d) => w.WriteText(d.UpdatedBy)),
        new("version", (w, d) => w.Write(d.Version.ToString(CultureInfo.InvariantCulture))),
    ];

    private static readonly Dictionary<string, Column> ByName = Columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    public static async Task WriteHeaderAsync(CsvWriter writer, CancellationToken cancellationToken)
    {
        foreach (var column in Columns)
        {
            writer.Write(column.Name);
        }

        await writer.EndLineAsync(cancellationToken);
    }

    public static async Task WriteRowAsync(CsvWriter writer, DealView deal, CancellationToken cancellationToken)
    {
        foreach (var column in Columns)
        {
            column.Write(writer, deal);
        }

        await writer.EndLineAsync(cancellationToken);
    }

    /// <summary>Maps a header row to column readers; unknown names are errors, read-only columns are skipped.</summary>
    public static (Func<IReadOnlyList<string>, Dictionary<string, string[]>, DealInput> ReadRow, IReadOnlyList<string> Errors) Header(IReadOnlyList<string> names)
    {
        var errors = new List<string>();
        var readers = new (int Index, Column Column)[names.Count];
        var count = 0;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < names.Count; index++)
        {
            var name = names[index].Trim().TrimStart('\uFEFF');
            if (!ByName.TryGetValue(name, out var column))
            {
                errors.Add($"Unknown column '{Truncate(name)}'.");
            }
            else if (!seen.Add(column.Name))
            {
                errors.Add($"Column '{column.Name}' appears twice.");
            }
            else if (column.Read is not null)
            {
                readers[count++] = (index, column);
            }
        }

        foreach (var required in new[] { "name", "type", "targetName", "announcedOn", "currency" })
        {
            if (!seen.Contains(required))
            {
                errors.Add($"Column '{required}' is required.");
            }
        }

        var active = readers[..count];
        DealInput ReadRow(IReadOnlyList<string> fields, Dictionary<string, string[]> rowErrors)
        {
            var input = new DealInput();
            foreach (var (index, column) in active)
            {
                var raw = index < fields.Count ? fields[index] : string.Empty;
                var value = CsvWriter.RestoreFormula(raw.Trim())!;
                if (value.Length == 0)
                {
                    continue;
                }

                input = column.Read!(input, value, message => rowErrors[column.Name] = [message]);
            }

            return input;
        }

        return (ReadRow, errors);
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static string Camel<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static string? Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Timestamp(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? List(IReadOnlyList<string> items) => items.Count == 0 ? null : string.Join(ListSeparator, items);

    private static T? Enum<T>(string value, Action<string> fail)
        where T : struct, Enum
    {
        if (EnumText.Parse<T>(value) is { } parsed)
        {
            return parsed;
        }

        fail($"One of {string.Join(", ", System.Enum.GetValues<T>().Select(Camel))}.");
        return null;
    }

    private static DateOnly? ParseDate(string value, Action<string> fail)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        fail("A date as yyyy-MM-dd.");
        return null;
    }

    private static decimal? ParseNumber(string value, Action<string> fail)
    {
        if (decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        fail("A number with '.' as the decimal point and no thousands separators.");
        return null;
    }

    private static bool? ParseBool(string value, Action<string> fail)
    {
        switch (value.ToLowerInvariant())
        {
            case "true" or "yes" or "1":
                return true;
            case "false" or "no" or "0":
                return false;
            default:
                fail("true or false.");
                return null;
        }
    }

    private static IReadOnlyList<string> ParseList(string value) => value.Split(ListSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
