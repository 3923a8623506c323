using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.SharedKernel;
using Platform.Testing;

namespace Loans.Tests;

/// <summary>The loans service in process on the real servers (see <see cref="ServiceApiFactory{TEntryPoint}"/>).</summary>
public sealed class LoansApiFactory(
    TestSigningKey key, Uri jwksUri, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    : ServiceApiFactory<Program>("loans", key, jwksUri)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>This factory's document root: a fresh temporary directory, removed with the factory.</summary>
    public string StorageRoot { get; } = Path.Combine(Path.GetTempPath(), "loans-tests-storage", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:Client:Id", "loans");
        builder.UseSetting("Auth:Client:Secret", "loans-test-secret");
        builder.UseSetting("Storage:Provider", "FileSystem");
        builder.UseSetting("Storage:FileSystem:Root", StorageRoot);
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(name, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    public HttpClient Officer(out Guid userId) => ClientFor(out userId, PlatformRoles.LoanOfficer);

    public HttpClient Reviewer(out Guid userId) => ClientFor(out userId, PlatformRoles.Reviewer);

    public HttpClient Admin(out Guid userId) => ClientFor(out userId, PlatformRoles.Admin);

    /// <summary>Publishes through the real broker, with the event id as message id (what the inbox keys on).</summary>
    public Task PublishAsync<T>(T message)
        where T : class, IIntegrationEvent =>
        Services.GetRequiredService<IBus>().Publish(message, context => context.MessageId = message.EventId);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(StorageRoot))
        {
            Directory.Delete(StorageRoot, recursive: true);
        }
    }
}

/// <summary>One loans service for the whole assembly: migrations and start-up are paid once.</summary>
[SetUpFixture]
public sealed class LoansService
{
    private static TestSigningKey _key = null!;
    private static EchoBackend _jwks = null!;

    public static LoansApiFactory Factory { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _key = TestSigningKey.Create();
        _jwks = await EchoBackend.StartAsync(_key);
        Factory = CreateFactory();
        using var warmUp = Factory.CreateClient();
    }

    /// <summary>Another loans service with the same token trust, for tests that change its configuration or services.</summary>
    public static LoansApiFactory CreateFactory(IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null) =>
        new(_key, _jwks.JwksUri, settings, services);

    [OneTimeTearDown]
    public async Task Stop()
    {
        await Factory.DisposeAsync();
        await _jwks.DisposeAsync();
        _key.Dispose();
    }
}
