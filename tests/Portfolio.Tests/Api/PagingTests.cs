using System.Net;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Api;

/// <summary>List paging: the bounds are enforced with 400s naming the parameter, and pages are stable.</summary>
public sealed class PagingTests
{
    [TestCase("page=0", "page")]
    [TestCase("page=-1", "page")]
    [TestCase("page=2147483647", "page")]
    [TestCase("pageSize=0", "pageSize")]
    [TestCase("pageSize=201", "pageSize")]
    [TestCase("pageSize=-5", "pageSize")]
    public async Task List_WithAPageOutOfBounds_Is400NamingIt(string query, string parameter)
    {
        using var analyst = Factory.Analyst(out _);

        using var response = await analyst.GetAsync("/api/v1/portfolios?" + query);

        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", parameter);
    }

    [TestCase("page=abc")]
    [TestCase("page=99999999999")]
    [TestCase("pageSize=1.5")]
    [TestCase("all=maybe")]
    [TestCase("ownerId=nobody")]
    public async Task List_WithAParameterOfTheWrongType_Is400(string query)
    {
        using var analyst = Factory.Analyst(out _);

        using var response = await analyst.GetAsync("/api/v1/portfolios?" + query);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task List_PagesThroughTheCallersPortfoliosByName()
    {
        using var analyst = Factory.Analyst(out _);
        var names = new[] { "Charlie", "Alpha", "Echo", "Bravo", "Delta" };
        foreach (var name in names)
        {
            await analyst.CreatePortfolioAsync(p => p["name"] = name);
        }

        var first = await analyst.GetJsonAsync("/api/v1/portfolios?page=1&pageSize=2");
        var third = await analyst.GetJsonAsync("/api/v1/portfolios?page=3&pageSize=2");
        var beyond = await analyst.GetJsonAsync("/api/v1/portfolios?page=4&pageSize=2");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Items().Select(p => p.Str("name")), Is.EqualTo(new[] { "Alpha", "Bravo" }));
            Assert.That(first.GetProperty("totalCount").GetInt64(), Is.EqualTo(5));
            Assert.That(third.Items().Select(p => p.Str("name")), Is.EqualTo(new[] { "Echo" }));
            Assert.That(beyond.Items(), Is.Empty);
        }
    }
}
