using System.Net;
using System.Text;
using System.Text.Json;
using Deals.Application.Authoring;
using Platform.Testing;

namespace Deals.Tests.Api;

/// <summary>
/// Enum fields are their camelCase names and nothing else, whether a deal is created (POST) or patched
/// (PATCH): numbers, and the strings <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would
/// also take (digits, padded or comma-joined names), are 400s that name the field.
/// </summary>
public sealed class EnumInputTests
{
    private static DealsApiFactory Api => DealsService.Factory;

    // Every enum-typed field of the input, so a new one is covered without editing this test.
    private static IEnumerable<TestCaseData> LooseEnumValues()
    {
        foreach (var property in typeof(DealInput).GetProperties())
        {
            if (Nullable.GetUnderlyingType(property.PropertyType) is not { IsEnum: true } enumType)
            {
                continue;
            }

            var field = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var names = Enum.GetNames(enumType).Select(JsonNamingPolicy.CamelCase.ConvertName).ToArray();
            foreach (var value in new[] { "1", "0", "\"1\"", "\"-1\"", $"\" {names[1]} \"", $"\"{names[0]},{names[1]}\"", $"\"{names[1]}\\u0000\"" })
            {
                yield return new TestCaseData(field, value).SetArgDisplayNames(field, value);
            }
        }
    }

    [TestCaseSource(nameof(LooseEnumValues))]
    public async Task Create_WithALooseEnumValue_Is400NamingTheField(string field, string value)
    {
        using var analyst = Api.Analyst(out _);
        var body = JsonSerializer.Serialize(DealRequests.NewDeal()).TrimEnd('}') + $",\"{field}\":{value}}}";
        var response = await analyst.PostAsync("/api/v1/deals", new StringContent(body, Encoding.UTF8, "application/json"));
        AssertNamesField(await response.AssertProblemAsync(HttpStatusCode.BadRequest), field);
    }

    [TestCaseSource(nameof(LooseEnumValues))]
    public async Task Patch_WithALooseEnumValue_Is400NamingTheField(string field, string value)
    {
        using var analyst = Api.Analyst(out _);
        var deal = await analyst.CreateDealAsync();
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/deals/{deal.Id()}")
        {
            Content = new StringContent($"{{\"{field}\":{value}}}", Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", deal.ETag());

        AssertNamesField(await (await analyst.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest), field);
        var unchanged = await (await analyst.GetAsync($"/api/v1/deals/{deal.Id()}")).ReadJsonAsync();
        Assert.That(unchanged.GetProperty(field).GetString(), Is.EqualTo(deal.GetProperty(field).GetString()));
    }

    [Test]
    public async Task Patch_WithTheCamelCaseName_Works()
    {
        using var analyst = Api.Analyst(out _);
        var deal = await analyst.CreateDealAsync();
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/deals/{deal.Id()}")
        {
            Content = new StringContent("{\"type\":\"tenderOffer\",\"stage\":\"pendingRegulatory\"}", Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", deal.ETag());

        var patched = await (await analyst.SendAsync(request)).ReadJsonAsync();
        Assert.That(patched.GetProperty("type").GetString(), Is.EqualTo("tenderOffer"));
        Assert.That(patched.GetProperty("stage").GetString(), Is.EqualTo("pendingRegulatory"));
    }

    // POST reports the JSON path ($.type), PATCH the field (type): both name it.
    private static void AssertNamesField(JsonElement problem, string field) =>
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name.TrimStart('$', '.')), Does.Contain(field), problem.ToString());
}
