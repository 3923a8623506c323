using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Contracts.Identity;
using Platform.Messaging.Inbox;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;

namespace Portfolio.Tests;

/// <summary>
/// The portfolio service in process on the real servers (see <see cref="ServiceApiFactory{TEntryPoint}"/>).
/// Marketdata and identity are not running here: their addresses refuse connections, as in an outage.
/// </summary>
/// <remarks>
/// It uses the shared test database rather than a scratch one: the end-to-end suite's portfolio process
/// consumes the same queue on the shared test vhost, so an event these tests publish may be applied by
/// either; on one database the effect is the same whichever applies it (and the inbox dedupes across both).
/// Every test works with fresh user ids, so nothing another process writes there can match.
/// </remarks>
public sealed class PortfolioApiFactory(TestSigningKey key, Uri jwksUri) : ServiceApiFactory<Program>("portfolio", key, jwksUri)
{
    public static readonly Uri Unreachable = ClosedPort();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Services:marketdata:BaseUrl", Unreachable.ToString());
        builder.UseSetting("Services:identity:BaseUrl", Unreachable.ToString());
        builder.UseSetting("Auth:Client:Id", "portfolio");
        builder.UseSetting("Auth:Client:Secret", "portfolio-test-secret");
        // Revalue right after a price update, so the tests need not wait for the production interval.
        builder.UseSetting("Portfolio:Risk:RevaluationInterval", "00:00:01");
        // Reports and archives go to a directory of this test run's own.
        builder.UseSetting("Storage:FileSystem:Root", Path.Combine(Path.GetTempPath(), "portfolio-tests-storage", Guid.NewGuid().ToString("N")));
    }

    public HttpClient Analyst(out Guid userId) => ClientFor(out userId, PlatformRoles.Analyst);

    public HttpClient RiskManager(out Guid userId) => ClientFor(out userId, PlatformRoles.RiskManager);

    public HttpClient Admin(out Guid userId) => ClientFor(out userId, PlatformRoles.Admin);

    public HttpClient Reviewer(out Guid userId) => ClientFor(out userId, PlatformRoles.Reviewer);

    /// <summary>Publishes through the real broker, with the event id as message id (what the inbox keys on).</summary>
    public Task PublishAsync<T>(T message)
        where T : class, IIntegrationEvent =>
        Services.GetRequiredService<IBus>().Publish(message, context => context.MessageId = message.EventId);

    /// <summary>Runs a query on a fresh scope's database context.</summary>
    public async Task<T> WithDbAsync<T>(Func<PortfolioDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PortfolioDb>());
    }

    /// <summary>Whether the inbox has recorded the message as applied (by this host or a competing one on the same database).</summary>
    public Task<bool> InboxHasAsync(Guid messageId) =>
        WithDbAsync(db => db.Set<InboxMessage>().AsNoTracking().AnyAsync(m => m.MessageId == messageId));

    private static Uri ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}

/// <summary>One portfolio service for the whole assembly: migrations, start-up and queue set-up are paid once.</summary>
[SetUpFixture]
public sealed class PortfolioService
{
    private static TestSigningKey _key = null!;
    private static EchoBackend _jwks = null!;

    public static PortfolioApiFactory Factory { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _key = TestSigningKey.Create();
        _jwks = await EchoBackend.StartAsync(_key);
        Factory = new PortfolioApiFactory(_key, _jwks.JwksUri);
        using var warmUp = Factory.CreateClient();
        // Until the receive endpoints are up, their queues may not be bound and a published event would be dropped.
        var health = await Factory.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        Assert.That(health, Is.EqualTo(BusHealthStatus.Healthy), "the bus did not start");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await Factory.DisposeAsync();
        await _jwks.DisposeAsync();
        _key.Dispose();
    }
}

/// <summary>Bodies, requests and reads shared by the tests.</summary>
public static class TestSupport
{
    public static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    public static PortfolioApiFactory Factory => PortfolioService.Factory;

    /// <summary>A valid portfolio body with a unique name; pass changes with <paramref name="change"/>.</summary>
    public static Dictionary<string, object?> NewPortfolio(Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = $"Book {Guid.NewGuid():N}"[..17],
            ["baseCurrency"] = "EUR",
            ["description"] = "Long/short European equities",
            ["limits"] = new Dictionary<string, object?>
            {
                ["grossExposure"] = 5_000_000m,
                ["netExposure"] = 1_000_000m,
                ["valueAtRisk"] = 250_000m,
                ["concentrationPercent"] = 12.5m,
                ["dollarDelta"] = 750_000m,
            },
        };
        change?.Invoke(body);
        return body;
    }

    /// <summary>Creates a portfolio as this client; asserts 201 and returns the body.</summary>
    public static async Task<JsonElement> CreatePortfolioAsync(this HttpClient client, Action<Dictionary<string, object?>>? change = null)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/portfolios", NewPortfolio(change));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Created), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Id(this JsonElement portfolio) => portfolio.GetProperty("id").GetString()!;

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static List<JsonElement> Items(this JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    /// <summary>Sends with an optional If-Match header and JSON body.</summary>
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

    /// <summary>The current ETag of a portfolio the client may read.</summary>
    public static async Task<string> ETagOfAsync(this HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/v1/portfolios/{id}");
        await response.ReadJsonAsync();
        return response.Headers.ETag!.ToString();
    }

    public static UserRegistered Registered(Guid userId, string displayName = "Grace Hopper") =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, userId, $"{userId:N}@portfolio.test", displayName, [PlatformRoles.Analyst]);

    /// <summary>The user's default portfolios as the user lists them.</summary>
    public static async Task<List<JsonElement>> DefaultsOfAsync(HttpClient user)
    {
        var page = await user.GetJsonAsync("/api/v1/portfolios?pageSize=200");
        return [.. page.Items().Where(p => p.GetProperty("isDefault").GetBoolean())];
    }

    /// <summary>Publishes the registration and waits until the inbox has applied it (whichever portfolio host on the shared vhost took it).</summary>
    public static async Task PublishAndWaitAppliedAsync(UserRegistered registered)
    {
        await Factory.PublishAsync(registered);
        await Polling.UntilAsync(() => Factory.InboxHasAsync(registered.EventId), applied => applied,
            $"UserRegistered {registered.EventId} to be applied", EventTimeout, TimeSpan.FromMilliseconds(100));
    }
}
