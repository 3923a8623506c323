using Platform.SharedKernel;

namespace Loans.Domain.Documents;

/// <summary>
/// A file attached to a booking: its content lives in the document store under <see cref="StorageKey"/>;
/// this row keeps what was checked about it (type sniffed from the bytes, size, SHA-256) and how its
/// term extraction went.
/// </summary>
public sealed class LoanDocument : AggregateRoot, ISoftDeletable, IAudited
{
    public const int FileNameMaxBytes = 255;
    public const int ErrorMaxLength = 500;

    private LoanDocument()
    {
    }

    public Guid BookingId { get; private set; }

    /// <summary>The client's file name, without any directory part and checked for control and bidi characters.</summary>
    public string FileName { get; private set; } = null!;

    /// <summary>Sniffed from the content, never the client's claim.</summary>
    public string ContentType { get; private set; } = null!;

    public long SizeBytes { get; private set; }
    public string Sha256 { get; private set; } = null!;
    public string StorageKey { get; private set; } = null!;
    public Guid UploadedBy { get; private set; }
    public ExtractionStatus ExtractionStatus { get; private set; }
    public string? ExtractionError { get; private set; }
    public DateTimeOffset? ExtractedAt { get; private set; }
    public int? PageCount { get; private set; }
    public int? FieldsFound { get; private set; }
    public DateTimeOffset? DeletedAt { get; set; }

    public static LoanDocument Create(Guid bookingId, string fileName, string contentType, long sizeBytes, string sha256, string storageKey, Guid uploadedBy, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            BookingId = bookingId,
            FileName = fileName,
            ContentType = contentType,
            SizeBytes = sizeBytes,
            Sha256 = sha256,
            StorageKey = storageKey,
            UploadedBy = uploadedBy,
            ExtractionStatus = ExtractionStatus.Pending,
        };

    public void Extracted(int pages, int fieldsFound, bool needsOcr, string bookingReference, Guid officerId, DateTimeOffset now)
    {
        ExtractionStatus = needsOcr && fieldsFound == 0 ? ExtractionStatus.NeedsOcr : ExtractionStatus.Extracted;
        ExtractionError = null;
        ExtractedAt = now;
        PageCount = pages;
        FieldsFound = fieldsFound;
        Raise(new DocumentExtractedEvent(Id, now, bookingReference, officerId, fieldsFound, needsOcr && fieldsFound == 0));
    }

    public void ExtractionFailed(string reason, string bookingReference, Guid officerId, DateTimeOffset now)
    {
        ExtractionStatus = ExtractionStatus.Failed;
        ExtractionError = reason.Length > ErrorMaxLength ? reason[..ErrorMaxLength] : reason;
        ExtractedAt = now;
        Raise(new DocumentExtractionFailedEvent(Id, now, bookingReference, officerId, ExtractionError));
    }
}
