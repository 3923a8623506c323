using Loans.Application.Persistence;
using MediatR;
using Platform.SharedKernel;
using Platform.Storage;

namespace Loans.Application.Documents;

public sealed record DownloadLoanDocument(Guid BookingId, Guid DocumentId) : IRequest<Result<DocumentDownload>>;

/// <summary>The content stream (the caller disposes it) and the headers to serve it with.</summary>
public sealed record DocumentDownload(Stream Content, string ContentType, string ContentDisposition, long SizeBytes, string Sha256);

internal sealed class DownloadLoanDocumentHandler(LoansDb db, ICurrentUser user, IDocumentStore store) : IRequestHandler<DownloadLoanDocument, Result<DocumentDownload>>
{
    public async Task<Result<DocumentDownload>> Handle(DownloadLoanDocument request, CancellationToken cancellationToken)
    {
        var document = await db.ReadableDocumentAsync(user, request.BookingId, request.DocumentId, cancellationToken);
        if (!document.IsSuccess)
        {
            return document.Error!;
        }

        var d = document.Value.Document;
        var content = await store.OpenReadAsync(d.StorageKey, cancellationToken);
        return content is null
            ? DocumentErrors.ContentMissing
            : new DocumentDownload(content, d.ContentType, DocumentFileName.ContentDispositionFor(d.FileName, d.ContentType), d.SizeBytes, d.Sha256);
    }
}
