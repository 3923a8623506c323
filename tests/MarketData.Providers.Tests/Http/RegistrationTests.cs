using MarketData.Application.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MarketData.Providers.Tests.Http;

public sealed class RegistrationTests
{
    private static readonly Uri Vendor = new("http://127.0.0.1:9/");

    [Test]
    public void ASelectedProviderWithoutAnApiKey_StopsStartUp_SayingWhatToSet()
    {
        var settings = ProviderHost.Settings("Polygon", Vendor, new() { ["MarketData:Polygon:ApiKey"] = null });

        var failure = StartUpFailure(() => ProviderHost.StartAsync(settings));

        Assert.That(failure!.Message, Does.Contain("MarketData:Polygon:ApiKey is required").And.Contain("MarketData__Polygon__ApiKey"));
    }

    [Test]
    public void AnApiKeyInASettingsFile_StopsStartUp()
    {
        var file = Path.Combine(Path.GetTempPath(), $"marketdata-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, "{\"MarketData\":{\"TwelveData\":{\"ApiKey\":\"from-a-file\"}}}");
        try
        {
            var settings = ProviderHost.Settings("TwelveData", Vendor, new() { ["MarketData:TwelveData:ApiKey"] = null });

            var failure = StartUpFailure(() => ProviderHost.StartAsync(settings, config => config.AddJsonFile(file)));

            Assert.That(failure!.Message, Does.Contain("must come from the environment"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void OutOfRangeResilienceTimings_StopStartUp()
    {
        var settings = ProviderHost.Settings("Polygon", Vendor, new() { ["MarketData:Polygon:Resilience:TotalTimeoutMs"] = "500", ["MarketData:Polygon:Resilience:AttemptTimeoutMs"] = "800" });

        var failure = StartUpFailure(() => ProviderHost.StartAsync(settings));

        Assert.That(failure!.Message, Does.Contain("MarketData:Polygon:Resilience:TotalTimeoutMs must be longer"));
    }

    // The host reports every failed validation at once, in an AggregateException when there are several.
    private static Exception StartUpFailure(AsyncTestDelegate start)
    {
        var failure = Assert.CatchAsync(start);
        var inner = failure is AggregateException many ? many.InnerExceptions : [failure!];
        Assert.That(inner, Is.All.InstanceOf<OptionsValidationException>());
        return failure!;
    }

    [Test]
    public async Task AProviderNeitherSelectedNorKeyed_IsNotRegistered()
    {
        await using var host = await ProviderHost.StartAsync(new Dictionary<string, string?> { ["MarketData:Polygon:BaseUrl"] = Vendor.ToString() });

        Assert.That(host.Services.GetServices<IMarketDataProvider>(), Is.Empty);
    }

    [Test]
    public async Task AProviderWithAKey_IsRegisteredEvenWhenNotSelected()
    {
        await using var host = await ProviderHost.StartAsync(new Dictionary<string, string?>
        {
            ["MarketData:TwelveData:ApiKey"] = ProviderHost.ApiKey,
        });

        Assert.That(host.Services.GetServices<IMarketDataProvider>().Select(p => p.Name), Is.EqualTo(new[] { "TwelveData" }));
        Assert.That((await host.HealthAsync("TwelveData")).Description, Does.Contain("no calls yet"));
    }
}
