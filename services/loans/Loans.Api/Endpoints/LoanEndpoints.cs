namespace Loans.Api.Endpoints;

internal static class LoanEndpoints
{
    public static void MapLoanEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapLoanBookingEndpoints().MapLoanDocumentEndpoints();
        app.MapLoanProductEndpoints();
    }
}
