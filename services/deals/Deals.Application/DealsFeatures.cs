namespace Deals.Application;

/// <summary>The deals service's feature flags (configuration section <c>FeatureManagement</c>); see docs/api-conventions.md.</summary>
internal static class DealsFeatures
{
    /// <summary>
    /// The CSV export starts with a UTF-8 byte order mark. Excel on Windows reads a file without
    /// one as the local code page and garbles non-ASCII names; other tools may show the mark as a
    /// stray character, so it rolls out gradually. Our import accepts both.
    /// </summary>
    public const string CsvExportByteOrderMark = "Deals.CsvExportByteOrderMark";
}
