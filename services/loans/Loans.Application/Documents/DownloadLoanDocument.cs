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

        var content = await store.OpenReadAsync(document.Value.StorageKey, cancellationToken);
        return content is null
            ? DocumentErrors.ContentMissing
            : new DocumentDownload(content, document.Value.ContentType, DocumentFileName.ContentDispositionFor(document.Value.FileName, document.Value.ContentType),
                document.Value.SizeBytes, document.Value.Sha256);
    }
}
