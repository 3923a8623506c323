using Loans.Application.Persistence;
using Loans.Domain.Bookings;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Loans.Application.Bookings;

/// <summary>A draft booking owned by the calling officer. The endpoint honours Idempotency-Key, so a retried create books nothing twice.</summary>
public sealed record CreateLoanBooking(LoanTermsInput Input) : IRequest<Result<LoanBookingView>>;

internal sealed class CreateLoanBookingHandler(LoansDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<CreateLoanBooking, Result<LoanBookingView>>
{
    public async Task<Result<LoanBookingView>> Handle(CreateLoanBooking request, CancellationToken cancellationToken)
    {
        var actor = user.AsLoanActor();
        if (!actor.IsSuccess)
        {
            return actor.Error!;
        }

        var terms = request.Input.ToTerms();
        if (!terms.IsSuccess)
        {
            return terms.Error!;
        }

        var product = await db.ProductAsync(terms.Value.ProductCode, cancellationToken);
        // Sequences never roll back, so numbers have gaps (refused drafts, failed saves) but never repeats.
        var number = await db.Database
            .SqlQueryRaw<long>(LoanBookingConfiguration.NextNumberSql)
            .SingleAsync(cancellationToken);
        var created = LoanBooking.Create(number, terms.Value, product, actor.Value, clock.GetUtcNow());
        if (!created.IsSuccess)
        {
            return created.Error!;
        }

        var booking = created.Value;
        db.Bookings.Add(booking);
        return await db.SaveAsync(booking, cancellationToken);
    }
}
