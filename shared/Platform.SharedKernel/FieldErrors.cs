namespace Platform.SharedKernel;

/// <summary>
/// Collects validation messages per field (the API's camelCase names), in the order the rules ran,
/// for <see cref="Error.Validation"/>. The checks here are the ones every service's terms share.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    public void Check(string field, bool valid, string message)
    {
        if (!valid)
        {
            Add(field, message);
        }
    }

    public void Text(string field, string? value, int maxLength, bool required = false, bool multiline = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            Check(field, !required, "Required.");
            return;
        }

        Check(field, value.Length <= maxLength, $"At most {maxLength} characters.");
        // PostgreSQL text cannot hold NUL, and other control characters are never meant in these fields.
        Check(field, !value.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')), "Contains control characters.");
    }

    public void Amount(string field, decimal? value, int integerDigits, int scale, decimal minimum = 0m, decimal? maximum = null)
    {
        if (value is not { } amount)
        {
            return;
        }

        if (amount < minimum)
        {
            Add(field, minimum == 0m ? "Must not be negative." : $"Must be at least {minimum}.");
        }
        else if (maximum is { } max && amount > max)
        {
            Add(field, $"Must be at most {max}.");
        }
        else if (decimal.Truncate(decimal.Abs(amount)) >= Pow10(integerDigits))
        {
            Add(field, $"At most {integerDigits} digits before the decimal point.");
        }

        // Money is never rounded silently: more decimals than the column keeps is an error.
        Check(field, (amount / 1.000000000000000000000000000000000m).Scale <= scale, $"At most {scale} decimal places.");
    }

    public void List(string field, IReadOnlyList<string> items, int maxItems, int itemMaxLength)
    {
        Check(field, items.Count <= maxItems, $"At most {maxItems} entries.");
        Check(field, items.All(item => item.Length <= itemMaxLength), $"Each entry has at most {itemMaxLength} characters.");
        Check(field, !items.Any(item => item.Any(char.IsControl)), "Contains control characters.");
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);

    private void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    private static decimal Pow10(int digits)
    {
        var result = 1m;
        for (var i = 0; i < digits; i++)
        {
            result *= 10m;
        }

        return result;
    }
}
