using Platform.SharedKernel;

namespace Loans.Domain.Sheets;

/// <summary>
/// The officer's working copy of a booking's terms: pre-filled from document extraction, corrected by
/// hand. Extraction never overwrites what the officer set, and replaces an extracted value only with a
/// more confident one; every correction is kept with who made it and the values before and after.
/// </summary>
public sealed class BookingSheet : AggregateRoot, IAudited
{
    private BookingSheet()
    {
    }

    public Guid BookingId { get; private set; }

    public List<SheetEntry> Entries { get; private set; } = [];

    public static BookingSheet For(Guid bookingId) => new() { Id = bookingId, BookingId = bookingId };

    /// <summary>Takes extracted values in, field by field; returns the fields it changed.</summary>
    public IReadOnlyList<string> Prefill(IReadOnlyList<SheetEntry> extracted)
    {
        var changed = new List<string>();
        foreach (var candidate in extracted.GroupBy(e => e.Field))
        {
            var best = SheetFields.IsList(candidate.Key)
                ? candidate.First() with { Values = [.. candidate.SelectMany(e => e.Values).Distinct(StringComparer.Ordinal)], Confidence = candidate.Min(e => e.Confidence) }
                : candidate.MaxBy(e => e.Confidence ?? 0m)!;
            var current = Entries.FirstOrDefault(e => e.Field == candidate.Key);
            if (current is not null && (current.Source == SheetEntry.FromOfficer || (current.Confidence ?? 0m) >= (best.Confidence ?? 0m)))
            {
                continue;
            }

            Entries = [.. Entries.Where(e => e.Field != candidate.Key), best];
            changed.Add(candidate.Key);
        }

        return changed;
    }

    /// <summary>Sets fields by hand (an empty list clears one); returns a correction per field whose values changed.</summary>
    public Result<IReadOnlyList<SheetCorrection>> Correct(IReadOnlyDictionary<string, string[]> values, Guid officer, string? requestId, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        foreach (var (field, items) in values)
        {
            if (!SheetFields.All.Contains(field))
            {
                errors.Check(field, false, $"Not a booking sheet field: one of {string.Join(", ", SheetFields.All)}.");
                continue;
            }

            errors.Check(field, SheetFields.IsList(field) ? items.Length <= SheetFields.MaxItems : items.Length <= 1,
                SheetFields.IsList(field) ? $"At most {SheetFields.MaxItems} values." : "One value, or null to clear it.");
            foreach (var item in items)
            {
                if (SheetFields.Problem(field, item) is { } problem)
                {
                    errors.Check(field, false, problem);
                }
            }
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors.ToDictionary());
        }

        var corrections = new List<SheetCorrection>();
        foreach (var (field, items) in values)
        {
            var before = Entries.FirstOrDefault(e => e.Field == field)?.Values.ToArray() ?? [];
            if (before.SequenceEqual(items, StringComparer.Ordinal))
            {
                continue;
            }

            Entries = [.. Entries.Where(e => e.Field != field)];
            if (items.Length > 0)
            {
                Entries.Add(new SheetEntry(field, items, SheetEntry.FromOfficer, null, null, null, null));
            }

            corrections.Add(new SheetCorrection
            {
                Id = Guid.CreateVersion7(now), BookingId = BookingId, Field = field, Before = before, After = items, CorrectedBy = officer, CorrectedAt = now, RequestId = requestId,
            });
        }

        return corrections;
    }
}
