using System.Net;

namespace Deals.Tests.Api;

/// <summary>Flag <c>Deals.CsvExportByteOrderMark</c>, switched by configuration alone.</summary>
public sealed class CsvExportFlagTests
{
    private static readonly byte[] Utf8ByteOrderMark = [0xEF, 0xBB, 0xBF];

    [TestCase("true", true)]
    [TestCase("false", false)]
    public async Task Export_StartsWithAByteOrderMark_OnlyWhenTheFlagIsOn(string flag, bool expectMark)
    {
        await using var api = DealsService.CreateFactory(new Dictionary<string, string>
        {
            ["FeatureManagement:Deals.CsvExportByteOrderMark"] = flag,
        });
        using var analyst = api.Analyst(out _);
        var ticker = "B" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        await analyst.CreateDealAsync(d => d["targetTicker"] = ticker);

        var response = await analyst.GetAsync($"/api/v1/deals/export?ticker={ticker}");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(bytes.Take(3).SequenceEqual(Utf8ByteOrderMark), Is.EqualTo(expectMark));
        Assert.That(System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'), Does.StartWith("id,name,"));
    }
}
