using Loans.Application.Products;
using Loans.Domain.Products;
using MediatR;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Http;
using static Platform.ServiceDefaults.Http.VersionedRequests;

namespace Loans.Api.Endpoints;

/// <summary><c>/api/v1/loan-products</c>: the loan desk reads (from the hour-long shared cache); admins maintain.</summary>
internal static class LoanProductEndpoints
{
    public static void MapLoanProductEndpoints(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/api/v1/loan-products").WithTags("Loan products").RequireAuthorization(LoanPolicies.LoanDesk);

        products.MapGet("/", async (bool? includeInactive, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListLoanProducts(includeInactive ?? false), ct)))
            .WithName("listLoanProducts")
            .WithSummary("List loan products")
            .WithDescription("Active products by code; includeInactive=true adds retired ones. Cached for an hour, refreshed on every replica when an admin changes a product.");

        products.MapGet("/{code}", async (string code, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var product = await mediator.Send(new GetLoanProduct(code), ct);
                return (product.IsSuccess ? EntityTags.NotModified(http, product.Value.ETag) : null) ?? product.ToHttp(view => OkWithETag(http, view, view.ETag));
            })
            .WithName("getLoanProduct")
            .WithSummary("Get one loan product, with its ETag")
            .Produces<LoanProductView>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        products.MapPost("/", async (LoanProductInput body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CreateLoanProduct(body), ct)).ToHttp(view =>
                {
                    http.Response.Headers.ETag = view.ETag;
                    return TypedResults.Created($"/api/v1/loan-products/{view.Code}", view);
                }))
            .RequireAuthorization(PlatformPolicies.Admin)
            .WithName("createLoanProduct")
            .WithSummary("Create a loan product (admins)")
            .Produces<LoanProductView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        products.MapPut("/{code}", async (string code, LoanProductInput body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await WithRequiredVersionAsync(http, ProductVersionRequired, version => mediator.Send(new UpdateLoanProduct(code, version, body), ct), view => view.ETag))
            .RequireAuthorization(PlatformPolicies.Admin)
            .WithName("updateLoanProduct")
            .WithSummary("Replace a loan product's terms (admins)")
            .WithDescription("Requires If-Match (428 without it, 412 when stale). Bookings already approved keep their terms; drafts meet the new ranges when submitted.")
            .Produces<LoanProductView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    private static readonly Platform.SharedKernel.Error ProductVersionRequired = Platform.SharedKernel.Error.PreconditionRequired(
        "loan_product.version_required", "Send If-Match with the ETag you read, so a concurrent change is not overwritten.");
}
