using Loans.Domain.Documents;

namespace Loans.Application.Documents;

public sealed record LoanDocumentView(
    Guid Id, Guid BookingId, string FileName, string ContentType, long SizeBytes, string Sha256, Guid UploadedBy, DateTimeOffset UploadedAt,
    ExtractionStatus ExtractionStatus, string? ExtractionError, DateTimeOffset? ExtractedAt, int? PageCount, int? FieldsFound)
{
    public static LoanDocumentView Of(LoanDocument d) => new(
        d.Id, d.BookingId, d.FileName, d.ContentType, d.SizeBytes, d.Sha256, d.UploadedBy, d.CreatedAt, d.ExtractionStatus, d.ExtractionError, d.ExtractedAt,
        d.PageCount, d.FieldsFound);
}
