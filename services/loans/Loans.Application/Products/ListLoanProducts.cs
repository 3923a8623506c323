using Loans.Application.Persistence;
using MediatR;

namespace Loans.Application.Products;

public sealed record ListLoanProducts(bool IncludeInactive) : IRequest<IReadOnlyList<LoanProductView>>;

internal sealed class ListLoanProductsHandler(LoansDb db, ProductCatalog catalog) : IRequestHandler<ListLoanProducts, IReadOnlyList<LoanProductView>>
{
    public async Task<IReadOnlyList<LoanProductView>> Handle(ListLoanProducts request, CancellationToken cancellationToken)
    {
        var products = await catalog.AllAsync(db, cancellationToken);
        return request.IncludeInactive ? products : [.. products.Where(p => p.Active)];
    }
}
