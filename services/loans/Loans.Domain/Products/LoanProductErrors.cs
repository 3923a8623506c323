using Platform.SharedKernel;

namespace Loans.Domain.Products;

public static class LoanProductErrors
{
    public static readonly Error NotFound = Error.NotFound("loan_product.not_found", "No loan product with this code.");
    public static readonly Error AdminOnly = Error.Forbidden("loan_product.admin_only", "Only admins maintain loan products.");
    public static readonly Error DuplicateCode = Error.Conflict("loan_product.duplicate_code", "A loan product with this code already exists.");
    public static readonly Error Stale = Error.PreconditionFailed("loan_product.stale", "The product has changed since you read it; reload it and try again.");
}
