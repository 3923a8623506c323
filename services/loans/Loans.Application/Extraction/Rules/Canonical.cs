using System.Globalization;

namespace Loans.Application.Extraction.Rules;

/// <summary>The canonical text of values, shared by every rule so equal values compare equal.</summary>
internal static class Canonical
{
    public static string TwoDecimals(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A percentage or basis-point figure without trailing zeros ("6.25", "37.5").</summary>
    public static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static decimal ParseDecimal(string digits) => decimal.Parse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}
