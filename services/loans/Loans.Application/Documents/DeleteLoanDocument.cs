using Loans.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;
using Platform.Storage;

namespace Loans.Application.Documents;

/// <summary>
/// Removes a document: the row is soft-deleted (the audit trail keeps what it was) with its extracted
/// values, and its content leaves the store once that has committed. Signed documents of an approved or
/// booked loan are evidence and stay.
/// </summary>
public sealed record DeleteLoanDocument(Guid BookingId, Guid DocumentId) : IRequest<Result>;

internal sealed class DeleteLoanDocumentHandler(LoansDb db, ICurrentUser user, IDocumentStore store, TimeProvider clock) : IRequestHandler<DeleteLoanDocument, Result>
{
    public async Task<Result> Handle(DeleteLoanDocument request, CancellationToken cancellationToken)
    {
        var found = await db.ReadableDocumentAsync(user, request.BookingId, request.DocumentId, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var (loan, actor, document) = found.Value;
        if (!loan.IsWorkedOnBy(actor))
        {
            return DocumentErrors.NotUploader;
        }

        if (loan.Status is Domain.Bookings.BookingStatus.Approved or Domain.Bookings.BookingStatus.Booked)
        {
            return Domain.Bookings.LoanBookingErrors.Locked;
        }

        document.DeletedAt = clock.GetUtcNow();
        await db.Set<ExtractedFieldRow>().Where(f => f.DocumentId == document.Id).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await store.DeleteAsync(document.StorageKey, CancellationToken.None);
        return Result.Ok();
    }
}
