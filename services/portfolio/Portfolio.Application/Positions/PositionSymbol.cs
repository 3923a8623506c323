using System.Diagnostics.CodeAnalysis;
using Portfolio.Domain.Instruments;

namespace Portfolio.Application.Positions;

/// <summary>A position's symbol as stored: a ticker (its own underlying) or an option's canonical OCC symbol on its root.</summary>
public sealed record PositionSymbol(string Symbol, string Underlying, OccSymbol? Option)
{
    public const int TickerMaxLength = 12;

    /// <summary>
    /// A ticker is 1–12 letters, digits, '.' or '-' (BRK.B, BF-B), upper-cased; anything longer that
    /// reads as an OCC symbol is an option. The error says what a ticker or an OCC symbol looks like.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PositionSymbol? symbol, out string? error)
    {
        symbol = null;
        var trimmed = (text ?? "").Trim();
        if (IsTicker(trimmed))
        {
            var ticker = trimmed.ToUpperInvariant();
            symbol = new PositionSymbol(ticker, ticker, null);
            error = null;
            return true;
        }

        if (OccSymbol.TryParse(trimmed, out var option, out var occError))
        {
            symbol = new PositionSymbol(option.ToString(), option.Root, option);
            error = null;
            return true;
        }

        error = trimmed.Length <= TickerMaxLength
            ? "Must be a ticker (1–12 letters, digits, '.' or '-') or an OCC option symbol such as 'AAPL  260116C00150000'."
            : $"Not a valid OCC option symbol: {occError}";
        return false;
    }

    private static bool IsTicker(string text) =>
        text.Length is > 0 and <= TickerMaxLength
        && char.IsAsciiLetterOrDigit(text[0])
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');
}
