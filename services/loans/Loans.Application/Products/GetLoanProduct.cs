using Loans.Application.Persistence;
using Loans.Domain.Products;
using MediatR;
using Platform.SharedKernel;

namespace Loans.Application.Products;

public sealed record GetLoanProduct(string Code) : IRequest<Result<LoanProductView>>;

internal sealed class GetLoanProductHandler(LoansDb db, ProductCatalog catalog) : IRequestHandler<GetLoanProduct, Result<LoanProductView>>
{
    public async Task<Result<LoanProductView>> Handle(GetLoanProduct request, CancellationToken cancellationToken)
    {
        var code = request.Code.Trim().ToUpperInvariant();
        return (await catalog.AllAsync(db, cancellationToken)).FirstOrDefault(p => p.Code == code) is { } product
            ? product
            : LoanProductErrors.NotFound;
    }
}
