using Loans.Application.Bookings;
using Loans.Application.Persistence;
using Loans.Domain.Bookings;
using Loans.Domain.Documents;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Platform.Jobs;
using Platform.Persistence;
using Platform.SharedKernel;
using Platform.Storage;

namespace Loans.Application.Documents;

/// <summary>One file from a multipart body, attached to a booking and queued for term extraction.</summary>
public sealed record UploadLoanDocument(Guid BookingId, HttpRequest Request) : IRequest<Result<UploadedDocument>>;

/// <param name="Duplicate">The booking already had this exact content: the existing document, nothing stored twice.</param>
public sealed record UploadedDocument(LoanDocumentView Document, bool Duplicate);

/// <summary>
/// Who may attach is checked before a byte is read. The body is spooled to a temporary file (hashed
/// on the way, never held in memory), its type sniffed from the bytes, and only then is it streamed to
/// the document store. The row and the extraction job commit together; content stored for a row that
/// did not commit is removed again.
/// </summary>
internal sealed class UploadLoanDocumentHandler(
    LoansDb db, ICurrentUser user, UploadSpool spool, ContentSniffer sniffer, IDocumentStore store, IJobs jobs, TimeProvider clock)
    : IRequestHandler<UploadLoanDocument, Result<UploadedDocument>>
{
    public async Task<Result<UploadedDocument>> Handle(UploadLoanDocument request, CancellationToken cancellationToken)
    {
        var actor = user.AsLoanActor();
        if (!actor.IsSuccess)
        {
            return actor.Error!;
        }

        var booking = await db.VisibleBookingAsync(request.BookingId, actor.Value, cancellationToken);
        if (booking is null)
        {
            return LoanBookingErrors.NotFound;
        }

        if (!booking.IsWorkedOnBy(actor.Value))
        {
            return DocumentErrors.NotUploader;
        }

        var spooled = await spool.ReadAsync(request.Request, cancellationToken);
        if (!spooled.IsAccepted)
        {
            return spooled.Refusal!.ToError();
        }

        await using var upload = spooled.Value;
        var name = DocumentFileName.Normalize(upload.OriginalFileName);
        if (!name.IsSuccess)
        {
            return name.Error!;
        }

        string contentType;
        await using (var content = upload.OpenRead())
        {
            var sniffed = sniffer.Sniff(content, cancellationToken);
            if (!sniffed.IsAccepted)
            {
                return sniffed.Refusal!.ToError();
            }

            contentType = sniffed.Value;
        }

        if (await ExistingAsync(booking.Id, upload.Sha256, cancellationToken) is { } existing)
        {
            return new UploadedDocument(existing, Duplicate: true);
        }

        StoredDocument stored;
        await using (var content = upload.OpenRead())
        {
            stored = await store.PutAsync(content, contentType, cancellationToken);
        }

        var document = LoanDocument.Create(booking.Id, name.Value, contentType, stored.SizeBytes, stored.Sha256, stored.Key, actor.Value.UserId, clock.GetUtcNow());
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var job = await jobs.EnqueueAsync(ExtractDocumentTerms.JobType, new ExtractionJob(document.Id), null, actor.Value.UserId.ToString(), cancellationToken);
            if (!job.IsSuccess)
            {
                await store.DeleteAsync(stored.Key, CancellationToken.None);
                return job.Error!;
            }

            db.Add(document);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException duplicate) when (duplicate.IsUniqueViolation())
        {
            // The same content arrived twice at once; the other upload's row won.
            await store.DeleteAsync(stored.Key, CancellationToken.None);
            db.ChangeTracker.Clear();
            return new UploadedDocument((await ExistingAsync(booking.Id, upload.Sha256, cancellationToken))!, Duplicate: true);
        }
        catch
        {
            await store.DeleteAsync(stored.Key, CancellationToken.None);
            throw;
        }

        return new UploadedDocument(LoanDocumentView.Of(document), Duplicate: false);
    }

    private async Task<LoanDocumentView?> ExistingAsync(Guid bookingId, string sha256, CancellationToken cancellationToken) =>
        await db.Set<LoanDocument>().AsNoTracking().Where(d => d.BookingId == bookingId && d.Sha256 == sha256)
            .Select(d => LoanDocumentView.Of(d)).FirstOrDefaultAsync(cancellationToken);
}
