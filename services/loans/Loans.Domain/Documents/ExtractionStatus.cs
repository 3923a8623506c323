namespace Loans.Domain.Documents;

public enum ExtractionStatus
{
    /// <summary>Uploaded; the extraction job is queued or running.</summary>
    Pending,

    Extracted,

    /// <summary>A scan without a text layer and no OCR engine on this deployment: terms must be entered by hand.</summary>
    NeedsOcr,

    Failed,
}
