using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.SharedKernel;
using Platform.Testing;

namespace Deals.Tests;

/// <summary>The deals service in process on the real servers (see <see cref="ServiceApiFactory{TEntryPoint}"/>).</summary>
public sealed class DealsApiFactory(
    TestSigningKey key, Uri jwksUri, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    : ServiceApiFactory<Program>("deals", key, jwksUri)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Where marketdata and identity are not: no marketdata exists in these tests (the end-to-end tests
    /// reach the real one), so every ticker check finds it unreachable, as in an outage.
    /// </summary>
    public static readonly Uri Unreachable = ClosedPort.Url();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Services:marketdata:BaseUrl", Unreachable.ToString());
        builder.UseSetting("Services:identity:BaseUrl", Unreachable.ToString());
        builder.UseSetting("Auth:Client:Id", "deals");
        builder.UseSetting("Auth:Client:Secret", "deals-test-secret");
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(name, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    public HttpClient Analyst(out Guid userId) => ClientFor(out userId, PlatformRoles.Analyst);

    public HttpClient Reviewer(out Guid userId) => ClientFor(out userId, PlatformRoles.Reviewer);

    public HttpClient Admin(out Guid userId) => ClientFor(out userId, PlatformRoles.Admin);

    /// <summary>Publishes through the real broker, with the event id as message id (what the inbox keys on).</summary>
    public Task PublishAsync<T>(T message)
        where T : class, IIntegrationEvent =>
        Services.GetRequiredService<IBus>().Publish(message, context => context.MessageId = message.EventId);
}

/// <summary>A loopback address nothing listens on: connections to it are refused at once.</summary>
public static class ClosedPort
{
    public static Uri Url()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}

/// <summary>One deals service for the whole assembly: migrations and start-up are paid once.</summary>
[SetUpFixture]
public sealed class DealsService
{
    private static TestSigningKey _key = null!;
    private static EchoBackend _jwks = null!;

    public static DealsApiFactory Factory { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _key = TestSigningKey.Create();
        _jwks = await EchoBackend.StartAsync(_key);
        Factory = CreateFactory();
        using var warmUp = Factory.CreateClient();
    }

    /// <summary>Another deals service with the same token trust, for tests that break or change its configuration or services.</summary>
    public static DealsApiFactory CreateFactory(IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null) =>
        new(_key, _jwks.JwksUri, settings, services);

    [OneTimeTearDown]
    public async Task Stop()
    {
        await Factory.DisposeAsync();
        await _jwks.DisposeAsync();
        _key.Dispose();
    }
}

/// <summary>Valid deal bodies and small HTTP helpers shared by the API tests.</summary>
public static class DealRequests
{
    /// <summary>A complete, valid cash acquisition; pass changes with <paramref name="change"/>.</summary>
    public static Dictionary<string, object?> NewDeal(Action<Dictionary<string, object?>>? change = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var body = new Dictionary<string, object?>
        {
            ["name"] = $"Acme acquires Widget {suffix}",
            ["type"] = "acquisition",
            ["stage"] = "announced",
            ["targetName"] = $"Widget {suffix} Inc.",
            ["targetTicker"] = "W" + suffix[..4],
            ["targetExchange"] = "NYSE",
            ["targetCountry"] = "US",
            ["acquirerName"] = "Acme Corp",
            ["acquirerTicker"] = "ACME",
            ["sector"] = "Industrials",
            ["industry"] = "Machinery",
            ["region"] = "North America",
            ["announcedOn"] = "2026-03-02",
            ["expectedCloseOn"] = "2026-12-31",
            ["dealValue"] = 1250000000.50m,
            ["currency"] = "USD",
            ["consideration"] = "cash",
            ["offerPricePerShare"] = 52.5m,
            ["premiumPercent"] = 31.2m,
            ["currentTargetPrice"] = 50m,
            ["pricesAsOf"] = "2026-06-30",
            ["probabilityOfClose"] = 0.85m,
            ["breakFee"] = 40000000m,
            ["regulatoryApprovals"] = new[] { "HSR", "EC" },
            ["advisors"] = new[] { "Goldman Sachs", "Wachtell" },
            ["financing"] = "Cash on hand and a committed bridge loan",
            ["isHostile"] = false,
            ["tags"] = new[] { "arb", "industrials" },
            ["analystNotes"] = "Strategic fit; low antitrust overlap.",
            ["sourceDocumentRef"] = "8-K 2026-03-02",
        };
        change?.Invoke(body);
        return body;
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Creates a deal as this client and returns its JSON.</summary>
    public static async Task<JsonElement> CreateDealAsync(this HttpClient client, Action<Dictionary<string, object?>>? change = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/deals", NewDeal(change));
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static string Id(this JsonElement deal) => deal.GetProperty("id").GetString()!;

    public static string ETag(this JsonElement deal) => $"\"{deal.GetProperty("version").GetUInt32()}\"";

    /// <summary>Approves or rejects the version of <paramref name="deal"/> the reviewer read (its ETag as If-Match).</summary>
    public static Task<HttpResponseMessage> DecideAsync(this HttpClient reviewer, JsonElement deal, string decision, string? comment = null) =>
        reviewer.SendAsync(HttpMethod.Post, $"/api/v1/deals/{deal.Id()}/{decision}", deal.ETag(), comment is null ? null : new { comment });

    /// <summary>Sends with an If-Match header.</summary>
    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, string? ifMatch, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return client.SendAsync(request);
    }
}
