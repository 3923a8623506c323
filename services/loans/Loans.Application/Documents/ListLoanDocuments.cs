using Loans.Application.Persistence;
using Loans.Domain.Documents;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Loans.Application.Documents;

public sealed record ListLoanDocuments(Guid BookingId) : IRequest<Result<IReadOnlyList<LoanDocumentView>>>;

internal sealed class ListLoanDocumentsHandler(LoansDb db, ICurrentUser user) : IRequestHandler<ListLoanDocuments, Result<IReadOnlyList<LoanDocumentView>>>
{
    public async Task<Result<IReadOnlyList<LoanDocumentView>>> Handle(ListLoanDocuments request, CancellationToken cancellationToken)
    {
        var booking = await db.ReadableBookingAsync(user, request.BookingId, cancellationToken);
        if (!booking.IsSuccess)
        {
            return booking.Error!;
        }

        var documents = await db.Set<LoanDocument>().AsNoTracking().Where(d => d.BookingId == request.BookingId).OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken);
        return documents.Select(LoanDocumentView.Of).ToList();
    }
}
