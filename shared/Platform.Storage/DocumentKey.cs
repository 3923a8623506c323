using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Storage;

/// <summary>
/// The one key shape: <c>yyyy/MM/dd/&lt;guid as 32 lower-case hex digits&gt;</c>. The date spreads
/// files over directories (and S3 prefixes) and makes retention sweeps cheap; the GUID makes keys
/// unguessable. Anything else is refused before it reaches a path or a request, so a key read back
/// from a client cannot climb out of the store with <c>..</c> or extra separators.
/// </summary>
public static partial class DocumentKey
{
    public static bool IsValid(string? key) => key is not null && Shape().IsMatch(key) && HasRealDate(key);

    internal static string New(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture) + "/" + Guid.NewGuid().ToString("N");

    internal static void EnsureValid(string? key)
    {
        if (!IsValid(key))
        {
            // The value itself is left out of the message: it is untrusted and would end up in logs.
            throw new InvalidDocumentKeyException("Not a document key: expected yyyy/MM/dd/<32 hex digits>.");
        }
    }

    private static bool HasRealDate(string key) =>
        DateTime.TryParseExact(key[..10], "yyyy'/'MM'/'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    // \z rather than $: $ would also accept a trailing newline.
    [GeneratedRegex(@"\A[0-9]{4}/[0-9]{2}/[0-9]{2}/[0-9a-f]{32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
