using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Portfolio.Domain.Pricing;

namespace Portfolio.Domain.Instruments;

/// <summary>
/// A listed option as the OCC Options Symbology Initiative names it: <c>AAPL  260116C00150000</c> is the
/// AAPL 150.000 call expiring 2026-01-16. The root is 1–6 ASCII letters or digits (OSI roots carry no
/// punctuation: BRK.B's options trade under <c>BRKB</c>; adjusted roots add digits, e.g. <c>BRKB1</c>).
/// </summary>
public sealed record OccSymbol(string Root, DateOnly Expiry, OptionRight Right, decimal Strike)
{
    private const int RootWidth = 6;
    private const int TailLength = 15;
    private const int StrikeDigits = 8;
    private const decimal StrikeScale = 1000m;

    /// <summary>
    /// Reads the padded 21-character form, the compact form without padding, and either with Polygon's
    /// <c>O:</c> prefix; outer whitespace is ignored and letters are normalised to upper case. The two-digit
    /// year is 20yy: OSI has no century and listed options do not reach past 2099.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out OccSymbol? symbol, out string? error)
    {
        symbol = null;
        var span = (text ?? "").AsSpan().Trim();
        if (span.StartsWith("O:", StringComparison.OrdinalIgnoreCase))
        {
            span = span[2..];
        }

        if (span.Length < 1 + TailLength || span.Length > RootWidth + TailLength)
        {
            error = $"an OCC option symbol has {1 + TailLength} to {RootWidth + TailLength} characters";
            return false;
        }

        var head = span[..^TailLength];
        var tail = span[^TailLength..];
        var root = head.TrimEnd(' ');
        if (root.Length == 0 || (head.Length != root.Length && head.Length != RootWidth))
        {
            error = "the option root must be 1–6 characters, padded with spaces to exactly 6 or not at all";
            return false;
        }

        foreach (var c in root)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                error = "the option root may hold only letters A–Z and digits";
                return false;
            }
        }

        if (!AsciiDigits.TryReadDate(tail[..2], tail[2..4], tail[4..6], century: 2000, out var expiry))
        {
            error = "the option expiry must be a real date written yyMMdd";
            return false;
        }

        OptionRight? right = char.ToUpperInvariant(tail[6]) switch
        {
            'C' => OptionRight.Call,
            'P' => OptionRight.Put,
            _ => null,
        };
        if (right is null)
        {
            error = "the option right must be C (call) or P (put)";
            return false;
        }

        if (!AsciiDigits.TryRead(tail[7..], out var strikeThousandths))
        {
            error = $"the option strike must be {StrikeDigits} digits (the strike times 1000)";
            return false;
        }

        if (strikeThousandths == 0)
        {
            error = "the option strike must be greater than zero";
            return false;
        }

        symbol = new OccSymbol(root.ToString().ToUpperInvariant(), expiry, right.Value, strikeThousandths / StrikeScale);
        error = null;
        return true;
    }

    /// <summary>The canonical 21-character OSI form: root padded to 6, yyMMdd, C or P, strike × 1000 in 8 digits.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Root,-RootWidth}{Expiry:yyMMdd}{(Right == OptionRight.Call ? 'C' : 'P')}{(long)(Strike * StrikeScale):D8}");
}
