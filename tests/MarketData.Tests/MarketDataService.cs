using System.Net.Http.Json;
using System.Text.Json;
using MarketData.Application.Persistence;
using MarketData.Application.Refresh;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Jobs;
using Platform.Testing;

namespace MarketData.Tests;

/// <summary>One marketdata service for the assembly, on its own scratch database, with its seed universe back-filled.</summary>
[SetUpFixture]
public sealed class MarketDataService
{
    private static TestSigningKey _key = null!;
    private static EchoBackend _jwks = null!;
    private static ScratchDatabase _database = null!;

    public static MarketDataApiFactory Factory { get; private set; } = null!;

    public static TestSigningKey Key => _key;

    public static Uri JwksUri => _jwks.JwksUri;

    public static string Database => _database.ConnectionString;

    [OneTimeSetUp]
    public async Task Start()
    {
        _key = TestSigningKey.Create();
        _jwks = await EchoBackend.StartAsync(_key);
        _database = await ScratchDatabase.CreateAsync("marketdata");
        Factory = new MarketDataApiFactory(_key, _jwks.JwksUri, _database.ConnectionString);
        using var warmUp = Factory.CreateClient();
        // The seed's refresh job back-fills the universe; every test starts from a filled database.
        await Polling.UntilAsync(
            async () =>
            {
                await using var scope = Factory.Services.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<MarketDataDb>().Set<Job>().AsNoTracking()
                    .Where(j => j.Type == EndOfDayRefresh.Type).Select(j => j.Status).ToListAsync();
            },
            statuses => statuses.Count > 0 && statuses.All(s => s is JobStatus.Succeeded or JobStatus.Failed),
            "the seed refresh to finish",
            TimeSpan.FromSeconds(90),
            TimeSpan.FromMilliseconds(250));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await Factory.DisposeAsync();
        await _database.DisposeAsync();
        await _jwks.DisposeAsync();
        _key.Dispose();
    }
}

public static class TestSupport
{
    public static MarketDataApiFactory Factory => MarketDataService.Factory;

    /// <summary>Runs a fresh scope's DbContext query.</summary>
    public static async Task<T> WithDbAsync<T>(Func<MarketDataDb, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MarketDataDb>());
    }

    /// <summary>Starts the refresh job through the admin API and waits for its end; returns the job's JSON.</summary>
    public static async Task<JsonElement> RefreshAsync(DateOnly businessDate, params string[] symbols)
    {
        using var admin = Factory.Admin();
        using var started = await admin.PostAsJsonAsync("/api/v1/market-data/admin/refresh", new { businessDate, symbols = symbols.Length == 0 ? null : symbols });
        var accepted = await started.ReadJsonAsync();
        var location = accepted.GetProperty("location").GetString()!;
        return await Polling.UntilAsync(
            () => admin.GetJsonAsync(location),
            job => job.GetProperty("status").GetString() is not ("queued" or "running"),
            "the refresh job to end",
            TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(200));
    }
}
