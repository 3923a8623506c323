using Loans.Application.Persistence;
using Loans.Domain.Documents;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Loans.Application.Documents;

public sealed record GetDocumentExtraction(Guid BookingId, Guid DocumentId) : IRequest<Result<DocumentExtractionView>>;

public sealed record DocumentExtractionView(
    Guid DocumentId, ExtractionStatus Status, string? Error, DateTimeOffset? ExtractedAt, int? PageCount, IReadOnlyList<ExtractedValueView> Values);

public sealed record ExtractedValueView(string Field, string Value, decimal Confidence, int? Page, string Snippet, string Engine);

internal sealed class GetDocumentExtractionHandler(LoansDb db, ICurrentUser user) : IRequestHandler<GetDocumentExtraction, Result<DocumentExtractionView>>
{
    public async Task<Result<DocumentExtractionView>> Handle(GetDocumentExtraction request, CancellationToken cancellationToken)
    {
        var document = await db.ReadableDocumentAsync(user, request.BookingId, request.DocumentId, cancellationToken);
        if (!document.IsSuccess)
        {
            return document.Error!;
        }

        var values = await db.Set<ExtractedFieldRow>().AsNoTracking().Where(f => f.DocumentId == request.DocumentId)
            .OrderBy(f => f.Field).ThenByDescending(f => f.Confidence)
            .Select(f => new ExtractedValueView(f.Field, f.Value, f.Confidence, f.Page, f.Snippet, f.Engine))
            .ToListAsync(cancellationToken);
        var d = document.Value.Document;
        return new DocumentExtractionView(d.Id, d.ExtractionStatus, d.ExtractionError, d.ExtractedAt, d.PageCount, values);
    }
}
