using PdfSharp.Fonts;

namespace Loans.TermSheets.Generator;

/// <summary>
/// PDFsharp on Linux has no system fonts: DejaVu Sans (regular and bold, Bitstream Vera licence, see Fonts/LICENSE-DejaVu.txt)
/// is embedded in this assembly, as Portfolio.Application does for its reports.
/// </summary>
internal sealed class Fonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    public static void Install() => GlobalFontSettings.FontResolver ??= new Fonts();

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase) ? new FontResolverInfo(bold ? Bold : Regular) : null;

    public byte[]? GetFont(string faceName)
    {
        if (faceName is not (Regular or Bold))
        {
            return null;
        }

        using var stream = typeof(Fonts).Assembly.GetManifestResourceStream($"Loans.TermSheets.Generator.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"The embedded font {faceName}.ttf is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
