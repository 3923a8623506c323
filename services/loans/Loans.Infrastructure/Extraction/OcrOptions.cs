using System.ComponentModel.DataAnnotations;

namespace Loans.Infrastructure.Extraction;

/// <summary>Section <c>Loans:Extraction:Ocr</c>: the OCR program run for scans (docs/loans-extraction.md).</summary>
public sealed class OcrOptions
{
    public const string Section = "Loans:Extraction:Ocr";

    /// <summary>
    /// The tesseract program: a name looked up on PATH or a full path. When it cannot be found, scans are
    /// reported as needing OCR instead of failing the upload.
    /// </summary>
    [Required]
    public string Path { get; set; } = "tesseract";

    /// <summary>One image's recognition. A page takes a few seconds; a stuck process is killed after this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
