using PdfSharp.Fonts;

namespace Portfolio.Application.Reports.Rendering;

/// <summary>
/// PDFsharp on Linux has no system fonts to fall back on: every face comes from here. DejaVu Sans (regular and bold,
/// Bitstream Vera licence, see Fonts/LICENSE-DejaVu.txt) is embedded in this assembly, so a fresh machine needs no font package.
/// </summary>
internal sealed class ReportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";
    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>Installs the resolver once per process (PDFsharp keeps it globally); another one already installed is left alone.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            GlobalFontSettings.FontResolver ??= new ReportFonts();
            _installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase) ? new FontResolverInfo(bold ? Bold : Regular) : null;

    public byte[]? GetFont(string faceName)
    {
        if (faceName is not (Regular or Bold))
        {
            return null;
        }

        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream($"Portfolio.Application.Reports.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"The embedded font {faceName}.ttf is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
