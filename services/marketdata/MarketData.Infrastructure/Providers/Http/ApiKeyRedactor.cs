using System.Text.RegularExpressions;

namespace MarketData.Infrastructure.Providers.Http;

/// <summary>
/// Removes a vendor's API key from text bound for logs and exceptions: the key itself wherever it
/// appears (vendors echo it in error bodies), and any <c>apikey=</c> query value.
/// </summary>
internal sealed partial class ApiKeyRedactor(string apiKey)
{
    public const string Mask = "***";

    public string Redact(string text)
    {
        if (apiKey.Length > 0)
        {
            text = text.Replace(apiKey, Mask, StringComparison.Ordinal);
        }

        return KeyInQuery().Replace(text, "$1" + Mask);
    }

    [GeneratedRegex(@"((?:api_?key|access_token)=)[^&\s""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyInQuery();
}
