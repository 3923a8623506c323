using Loans.Application.Extraction;
using Loans.Application.Persistence;
using Loans.Domain.Documents;
using Loans.Domain.Sheets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.Jobs;
using Platform.Storage;

namespace Loans.Application.Documents;

/// <summary>The <c>document-extraction</c> job's parameters: one document (undated: one job per upload).</summary>
public sealed record ExtractionJob(Guid DocumentId = default);

/// <summary>
/// Extracts one document's terms on the shared job runner: reads its text, runs the engine, replaces the
/// document's extracted values, pre-fills the booking sheet and records the outcome, all in one
/// transaction that also writes the outcome's event. A document that cannot be read (damaged, or not what
/// its bytes first looked like) is an outcome, recorded as failed; a store or database that is down
/// fails the run, which the runner retries.
/// </summary>
public sealed class ExtractDocumentTerms(
    LoansDb db, IDocumentStore store, IDocumentTextReader reader, ITermExtractor extractor, TimeProvider clock, ILogger<ExtractDocumentTerms> logger)
    : IJobHandler<ExtractionJob>
{
    public const string JobType = "document-extraction";
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public const string Unreadable = "The document could not be read: it is damaged, protected, or its content is not a readable term sheet.";

    public async Task RunAsync(JobContext<ExtractionJob> job, CancellationToken cancellationToken)
    {
        var document = await db.Set<LoanDocument>().SingleOrDefaultAsync(d => d.Id == job.Parameters.DocumentId, cancellationToken);
        if (document is null)
        {
            return;
        }

        // A booking deleted after the upload still names its officer and reference in the outcome.
        var booking = await db.Bookings.IgnoreQueryFilters().SingleAsync(b => b.Id == document.BookingId, cancellationToken);
        await using var content = await store.OpenReadAsync(document.StorageKey, cancellationToken)
            ?? throw new InvalidOperationException($"Document {document.Id} has no content under its storage key.");

        TermExtraction extraction;
        DocumentText text;
        try
        {
            text = await reader.ReadAsync(content, document.ContentType, cancellationToken);
            extraction = await extractor.ExtractAsync(text, cancellationToken);
        }
        catch (Exception unreadable) when (unreadable is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(unreadable, "Document {DocumentId} ({ContentType}) could not be read for extraction", document.Id, document.ContentType);
            document.ExtractionFailed(Unreadable, booking.Reference, booking.OfficerId, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Replace, never append: a re-run (crash recovery) must not double the values.
        await db.Set<ExtractedFieldRow>().Where(f => f.DocumentId == document.Id).ExecuteDeleteAsync(cancellationToken);
        var now = clock.GetUtcNow();
        db.Set<ExtractedFieldRow>().AddRange(extraction.Values.Select(value => new ExtractedFieldRow
        {
            Id = Guid.CreateVersion7(now), DocumentId = document.Id, Field = value.Field, Value = value.Value, Confidence = value.Confidence,
            Page = value.Page, Snippet = value.Snippet, Engine = extraction.Engine,
        }));

        var sheet = await db.Set<BookingSheet>().SingleOrDefaultAsync(s => s.BookingId == booking.Id, cancellationToken);
        if (sheet is null)
        {
            sheet = BookingSheet.For(booking.Id);
            db.Add(sheet);
        }

        sheet.Prefill([.. extraction.Values.Select(value => new SheetEntry(
            value.Field, [value.Value], SheetEntry.FromExtraction, document.Id, value.Confidence, value.Page, value.Snippet))]);
        document.Extracted(text.Pages.Count, extraction.Values.Count, text.NeedsOcr, booking.Reference, booking.OfficerId, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
