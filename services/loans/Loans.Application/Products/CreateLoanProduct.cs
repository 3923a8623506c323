using Loans.Application.Bookings;
using Loans.Application.Persistence;
using Loans.Domain.Products;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.Persistence;
using Platform.SharedKernel;

namespace Loans.Application.Products;

public sealed record CreateLoanProduct(LoanProductInput Input) : IRequest<Result<LoanProductView>>;

internal sealed class CreateLoanProductHandler(LoansDb db, ICurrentUser user, TimeProvider clock, ProductCatalog catalog)
    : IRequestHandler<CreateLoanProduct, Result<LoanProductView>>
{
    public async Task<Result<LoanProductView>> Handle(CreateLoanProduct request, CancellationToken cancellationToken)
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

        var created = LoanProduct.Create(request.Input.Code ?? string.Empty, terms.Value, actor.Value, clock.GetUtcNow());
        if (!created.IsSuccess)
        {
            return created.Error!;
        }

        db.Products.Add(created.Value);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException duplicate) when (duplicate.IsUniqueViolation())
        {
            return LoanProductErrors.DuplicateCode;
        }

        await catalog.InvalidateAsync();
        return LoanProductView.Of(created.Value);
    }
}
