using System.Net;
using System.Net.Http.Json;
using Platform.Testing;

namespace Loans.Tests.Api;

/// <summary>The loans OpenAPI document is well formed and real responses keep to it.</summary>
public sealed class OpenApiContractTests
{
    private static LoansApiFactory Factory => LoansService.Factory;

    [Test]
    public async Task OpenApi_EveryOperation_HasIdSummarySecurityAndProblemResponses()
    {
        using var anonymous = Factory.CreateClient();
        var contract = await OpenApiContract.LoadAsync(anonymous, "loans");

        contract.AssertWellFormed();
    }

    [Test]
    public async Task OpenApi_RealResponses_AreDocumented()
    {
        using var anonymous = Factory.CreateClient();
        var contract = await OpenApiContract.LoadAsync(anonymous, "loans");
        var product = await LoanRequests.CreateProductAsync();
        using var officer = Factory.Officer(out _);

        var created = await officer.PostAsJsonAsync("/api/v1/loan-bookings", LoanRequests.NewBooking(product));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await contract.AssertConformsAsync(created);

        var id = (await created.ReadJsonAsync()).Id();
        var read = await officer.GetAsync($"/api/v1/loan-bookings/{id}");
        await contract.AssertConformsAsync(read);
        await contract.AssertConformsAsync(await officer.GetAsync("/api/v1/loan-bookings?pageSize=2"));
        await contract.AssertConformsAsync(await officer.GetAsync("/api/v1/loan-products"));
        await contract.AssertConformsAsync(await officer.GetAsync($"/api/v1/loan-products/{product}"));

        var invalid = await officer.PostAsJsonAsync("/api/v1/loan-bookings", LoanRequests.NewBooking(product, b => b["borrower"] = ""));
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await contract.AssertConformsAsync(invalid);

        var missing = await officer.GetAsync($"/api/v1/loan-bookings/{Guid.NewGuid()}");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await contract.AssertConformsAsync(missing);

        var unauthenticated = await anonymous.GetAsync("/api/v1/loan-bookings");
        Assert.That(unauthenticated.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        await contract.AssertConformsAsync(unauthenticated);
    }
}
