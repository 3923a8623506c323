namespace Loans.Application.Documents;

public sealed class UploadSpoolOptions
{
    /// <summary>20 MiB: the largest signed document the desk expects, with room for scans.</summary>
    public const long DefaultMaxBytes = 20 * 1024 * 1024;

    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>Where spooled uploads are written; null is the system temporary directory.</summary>
    public string? Directory { get; set; }
}
