using System.Globalization;

namespace Alerts.Application.Consumers;

/// <summary>
/// How loan alerts name a booking and an amount. Reference, borrower, file name and comments are
/// users' text: they go in quotes or at the end of the message, only ever into the message (titles
/// are fixed), and <see cref="Domain.Alert.Create"/> bounds the length as for every other alert.
/// </summary>
internal static class LoanText
{
    /// <summary><c>"LN-2026-0042" for "Acme Industrial GmbH" (1,250,000.00 EUR)</c>.</summary>
    public static string Booking(string reference, string borrower, decimal principal, string currency) =>
        $"Loan booking \"{reference}\" for \"{borrower}\" ({Amount(principal, currency)})";

    /// <summary>Thousands separated, at least two decimals, with the currency code: <c>1,250,000.00 EUR</c>.</summary>
    public static string Amount(decimal value, string currency) =>
        $"{value.ToString("#,##0.00########", CultureInfo.InvariantCulture)} {currency}";

    /// <summary>The people told about a document's extraction: whoever uploaded it, and the booking's officer if someone else.</summary>
    public static IEnumerable<Guid> UploaderAndOfficer(Guid uploadedBy, Guid officerId) => new[] { uploadedBy, officerId }.Distinct();

    public static string Fields(int count) => count == 1 ? "1 field" : $"{count.ToString(CultureInfo.InvariantCulture)} fields";

    public static string WithComment(string text, string? comment) =>
        string.IsNullOrWhiteSpace(comment) ? text : $"{text} Reviewer's comment: {comment}";
}
