using Loans.Application.Bookings;
using Loans.Application.Persistence;
using Loans.Domain.Products;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace Loans.Application.Products;

/// <summary>Replaces a product's terms (If-Match required by the endpoint); existing bookings keep theirs, new submissions meet the new ranges.</summary>
public sealed record UpdateLoanProduct(string Code, uint? ExpectedVersion, LoanProductInput Input) : IRequest<Result<LoanProductView>>;

internal sealed class UpdateLoanProductHandler(LoansDb db, ICurrentUser user, ProductCatalog catalog) : IRequestHandler<UpdateLoanProduct, Result<LoanProductView>>
{
    public async Task<Result<LoanProductView>> Handle(UpdateLoanProduct request, CancellationToken cancellationToken)
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

        var code = request.Code.Trim().ToUpperInvariant();
        var product = await db.Products.SingleOrDefaultAsync(p => p.Code == code, cancellationToken);
        if (product is null)
        {
            return LoanProductErrors.NotFound;
        }

        if (request.ExpectedVersion is { } version && version != product.Version)
        {
            return LoanProductErrors.Stale;
        }

        var updated = product.Update(terms.Value, actor.Value);
        if (!updated.IsSuccess)
        {
            return updated.Error!;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return LoanProductErrors.Stale;
        }

        await catalog.InvalidateAsync();
        return LoanProductView.Of(product);
    }
}
