namespace Portfolio.Domain.Pricing;

/// <summary>Batch arrays end on a whole number of the widest vectors (8 doubles, 512 bits).</summary>
internal static class LanePadding
{
    public const int WidestVector = 8;

    public static int PaddedLength(int lanes) => (lanes + WidestVector - 1) / WidestVector * WidestVector;
}
